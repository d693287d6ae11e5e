/**
 * The access log (Micronaut's Netty access logger, logger {@code HTTP_ACCESS_LOGGER}) without secrets: the values of
 * credential-like query parameters are masked ({@link recsys.online.accesslog.QueryRedaction}) and no header or
 * cookie value is ever printed ({@link recsys.online.accesslog.RedactingLogElementBuilder}).
 */
package recsys.online.accesslog;
