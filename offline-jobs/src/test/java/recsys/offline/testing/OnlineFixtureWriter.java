package recsys.offline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the MovieLens folder the online-service integration tests load through the offline CLI. They run it in a
 * child JVM (with the rest of the offline pipeline) so nothing of Spark reaches their class path.
 *
 * <p>{@link MovieLensFixture} gives every user the same number of ratings; the online service ranks users with few
 * ratings differently, so users {@value #LIGHT_USER_BASE}+1.. are appended with 1, 5 and 19 ratings.
 *
 * <p>Usage: {@code OnlineFixtureWriter DIR}
 */
public final class OnlineFixtureWriter {

    static final int LIGHT_USER_BASE = 900;
    static final int[] LIGHT_USER_RATINGS = {1, 5, 19};

    private OnlineFixtureWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OnlineFixtureWriter DIR");
        }
        Path dir = Path.of(args[0]);
        MovieLensFixture fixture = new MovieLensFixture(11, 80, 30, 30);
        fixture.writeMlLatest(dir);
        StringBuilder light = new StringBuilder();
        long clock = 2_000_000_000L;
        for (int u = 0; u < LIGHT_USER_RATINGS.length; u++) {
            for (int i = 0; i < LIGHT_USER_RATINGS[u]; i++) {
                // movies 1, 5, 9, ...: spread over the catalogue; ratings cycle through 2..5 stars
                light.append(LIGHT_USER_BASE + u + 1).append(',').append(1 + 4 * i).append(',')
                        .append(2 + i % 4).append(".0,").append(clock += 60).append("\r\n");
            }
        }
        Files.writeString(dir.resolve("ratings.csv"), light, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
