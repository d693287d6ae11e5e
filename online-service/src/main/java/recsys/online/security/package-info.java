/**
 * The API key the write endpoints (and, with {@code recsys.protect-reads}, the read endpoints) require:
 * {@link recsys.online.security.ApiKeyFilter} decides which requests need it, {@link recsys.online.security.ApiKeys}
 * checks it.
 */
package recsys.online.security;
