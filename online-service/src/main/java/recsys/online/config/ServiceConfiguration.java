package recsys.online.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Service-wide settings, {@code recsys.*} in {@code conf/application.yml}.
 *
 * @param storage           the storage root the offline jobs write to (where {@code models/CURRENT} lives): a local
 *                          or mounted folder, as a path or a {@code file:} URI; a relative path is resolved against
 *                          {@code RECSYS_HOME} when set (as the offline CLI does), else the working directory.
 *                          Env {@code RECSYS_STORAGE}
 * @param apiKey            the key write endpoints require ({@code Authorization: Bearer KEY} or
 *                          {@code X-Api-Key: KEY}); env {@code RECSYS_API_KEY}; blank leaves writes closed
 * @param protectReads      whether read endpoints require the same key
 * @param batchLimit        most users (or movies) one write request may carry; default 1000
 * @param modelPollInterval how often {@code models/CURRENT} is checked for a new version
 */
@ConfigurationProperties("recsys")
public record ServiceConfiguration(
        @NotBlank String storage,
        @Nullable String apiKey,
        @Bindable(defaultValue = "false") boolean protectReads,
        @Bindable(defaultValue = "1000") @Positive int batchLimit,
        @Bindable(defaultValue = "10s") @NotNull Duration modelPollInterval) {

    /** The storage root as a local path. */
    public Path storageRoot() {
        if (storage.startsWith("file:")) {
            return Path.of(URI.create(storage));
        }
        if (storage.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw new IllegalStateException("recsys.storage is " + storage + ": the online service reads models "
                    + "from a local or mounted folder only (a path or a file: URI)");
        }
        Path path = Path.of(storage);
        String home = System.getenv("RECSYS_HOME");
        return path.isAbsolute() || home == null || home.isBlank() ? path.toAbsolutePath() : Path.of(home).resolve(path);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
