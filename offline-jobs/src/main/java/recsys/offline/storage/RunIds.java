package recsys.offline.storage;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids name a run's folder and its physical indices. They sort by start time (so "older" is a string
 * comparison), are lower-case (index names must be), and carry a random suffix so two runs started in the same
 * millisecond do not collide.
 */
public final class RunIds {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String next(Clock clock) {
        return FORMAT.format(clock.instant()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
