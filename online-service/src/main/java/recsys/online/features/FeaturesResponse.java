package recsys.online.features;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code {"features":[{"histories":["185135","180777"]}]}}: the user's rated movie ids, most recent first. */
@Serdeable
public record FeaturesResponse(List<History> features) {

    @Serdeable
    public record History(List<String> histories) {
    }

    public static FeaturesResponse of(List<String> mostRecentFirst) {
        return new FeaturesResponse(List.of(new History(mostRecentFirst)));
    }
}
