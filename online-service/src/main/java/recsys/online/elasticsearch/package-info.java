/**
 * The Elasticsearch client of the service ({@link recsys.online.elasticsearch.ElasticsearchClientFactory}), the
 * deadline every HTTP request's calls share ({@link recsys.online.elasticsearch.RequestDeadline}, enforced under the
 * client by {@link recsys.online.elasticsearch.DeadlineTransport}) and the one place request failures are classified
 * ({@link recsys.online.elasticsearch.ElasticsearchCalls}). The stores of each index live with the feature that reads
 * them.
 */
package recsys.online.elasticsearch;
