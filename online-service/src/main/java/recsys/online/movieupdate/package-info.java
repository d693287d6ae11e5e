/**
 * {@code POST /update_movie}: validating the batch ({@link recsys.online.movieupdate.MovieRequestParser}), embedding
 * each movie in-process with the offline job's model and text template
 * ({@link recsys.online.movieupdate.MovieEmbedder}) and writing movie documents and vectors together
 * ({@link recsys.online.movieupdate.MovieWriteStore}), searchable when the request returns.
 */
package recsys.online.movieupdate;
