package recsys.online.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import recsys.online.config.ServiceConfiguration;

class ApiKeysTest {

    private static ApiKeys keys(String key) {
        return new ApiKeys(new ServiceConfiguration("var/storage", key, false, 10, Duration.ofSeconds(10)));
    }

    @Test
    void acceptsTheKeyAsBearerTokenOrHeader() {
        ApiKeys keys = keys("s3cret-key");
        assertEquals(ApiKeys.Verdict.ACCEPTED, keys.check(HttpRequest.POST("/x", "").bearerAuth("s3cret-key")));
        assertEquals(ApiKeys.Verdict.ACCEPTED,
                keys.check(HttpRequest.POST("/x", "").header("Authorization", "bearer s3cret-key")));
        assertEquals(ApiKeys.Verdict.ACCEPTED,
                keys.check(HttpRequest.POST("/x", "").header("X-Api-Key", "s3cret-key")));
    }

    @Test
    void missingOrWrongKeys() {
        ApiKeys keys = keys("s3cret-key");
        assertEquals(ApiKeys.Verdict.MISSING, keys.check(HttpRequest.POST("/x", "")));
        assertEquals(ApiKeys.Verdict.MISSING, keys.check(HttpRequest.POST("/x", "").basicAuth("s3cret-key", "x")));
        assertEquals(ApiKeys.Verdict.WRONG, keys.check(HttpRequest.POST("/x", "").bearerAuth("s3cret-kez")));
        assertEquals(ApiKeys.Verdict.WRONG, keys.check(HttpRequest.POST("/x", "").header("X-Api-Key", "s3cret")));
        assertEquals(ApiKeys.Verdict.WRONG,
                keys.check(HttpRequest.POST("/x", "").header("X-Api-Key", "s3cret-key-and-more")));
    }

    @Test
    void withNoKeyConfiguredNothingIsAccepted() {
        for (String unset : new String[] {null, "", "   "}) {
            ApiKeys keys = keys(unset);
            assertEquals(ApiKeys.Verdict.NOT_CONFIGURED,
                    keys.check(HttpRequest.POST("/x", "").header("Authorization", "Bearer x")));
            assertEquals(ApiKeys.Verdict.NOT_CONFIGURED,
                    keys.check(HttpRequest.POST("/x", "").header("X-Api-Key", "anything")));
        }
    }
}
