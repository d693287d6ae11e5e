/**
 * Feature encoding shared by the offline jobs and the online service: {@link recsys.core.features.EncoderState}
 * (fitted on the training ratings only), {@link recsys.core.features.UserProfile} (a user's history as sums, so a
 * rating can be left out exactly) and {@link recsys.core.features.FeatureEncoder} (the feature layout).
 */
package recsys.core.features;
