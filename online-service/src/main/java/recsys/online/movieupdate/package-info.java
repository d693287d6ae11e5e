/**
 * {@code POST /update_movie}: validating the batch ({@link recsys.online.movieupdate.MovieRequestParser}), embedding
 * each movie in-process with the offline job's model and text template
 * ({@link recsys.online.movieupdate.MovieEmbedder}) and writing movie documents and vectors together
 * ({@link recsys.online.movieupdate.MovieWriteStore}) without a refresh in the request; the movies written are
 * recommendable by this instance when the request returns, through {@link recsys.online.movieupdate.RecentMovies},
 * which searches merge in until its background refresh has published them.
 */
package recsys.online.movieupdate;
