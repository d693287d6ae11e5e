/**
 * {@code POST /update_ratings}: parsing and validating the whole batch
 * ({@link recsys.online.ratings.RatingsRequestParser}), merging new ratings into a user's history
 * ({@link recsys.core.ratings.UserHistory}, pure logic) and writing the merged user documents with optimistic
 * concurrency ({@link recsys.online.ratings.RatingsWriter} over {@link recsys.online.ratings.UserHistoryStore}).
 */
package recsys.online.ratings;
