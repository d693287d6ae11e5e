/**
 * The API key the write endpoints (and, with {@code recsys.protect-reads}, the read endpoints) require:
 * {@link recsys.online.security.ApiKeyFilter} decides which requests need it, {@link recsys.online.security.ApiKeys}
 * checks it. A request with the valid key carries the {@link recsys.online.security.ApiKeyPrincipal}, which is what
 * shows {@code /health}'s details.
 */
package recsys.online.security;
