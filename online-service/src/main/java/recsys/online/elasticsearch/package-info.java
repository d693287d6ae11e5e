/**
 * The Elasticsearch client of the service ({@link recsys.online.elasticsearch.ElasticsearchClientFactory}) and the
 * one place request failures are classified ({@link recsys.online.elasticsearch.ElasticsearchCalls}). The stores of
 * each index live with the feature that reads them.
 */
package recsys.online.elasticsearch;
