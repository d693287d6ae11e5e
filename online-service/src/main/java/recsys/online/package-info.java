/**
 * The online service. Packages by feature:
 * <ul>
 *   <li>{@code config}: the {@code recsys.*} settings ({@code conf/application.yml}, {@code RECSYS_*} variables);</li>
 *   <li>{@code elasticsearch}: the client bean and the one place Elasticsearch failures are classified (503 vs 500);</li>
 *   <li>{@code error}: the one JSON error shape of every 4xx/5xx and {@code ApiException} (400/404 naming a field);</li>
 *   <li>{@code security}: the API key every non-GET request needs;</li>
 *   <li>{@code model}: the published model (loaded at start, polled, swapped atomically);</li>
 *   <li>{@code users}, {@code movies}, {@code vectors}: one store per index family;</li>
 *   <li>{@code recommend}: {@code GET /recommendations}, the three ranking paths and the lists stored per user;</li>
 *   <li>{@code features}: {@code GET /features};</li>
 *   <li>{@code health}: the Elasticsearch and model health indicators.</li>
 * </ul>
 *
 * <p>For a writer of user documents: the derived fields ({@link recsys.core.index.UserFields#DERIVED}) must be
 * removed in the same write that changes the ratings; keep the rating arrays in time order. A list left behind is
 * ignored anyway (its ratings fingerprint no longer matches), and the next request recomputes it.
 */
package recsys.online;
