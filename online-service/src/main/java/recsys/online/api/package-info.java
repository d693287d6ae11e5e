/**
 * Request parsing every endpoint shares: query parameters ({@link recsys.online.api.QueryParameters}), JSON bodies
 * read as a tree ({@link recsys.online.api.JsonBodyReader}) and the id rule ({@link recsys.online.api.RequestIds}).
 * Every rejection is an {@link recsys.online.error.ApiException} naming the parameter or field and the reason, so
 * bad input always ends as a 400 in the service's error shape and never as a 500.
 */
package recsys.online.api;
