package recsys.online.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRedactionTest {

    @Test
    void masksTheValueOfEveryCredentialLikeParameterWhateverItsSpelling() {
        for (String name : List.of("api_key", "apikey", "API_KEY", "Api-Key", "apiKey", "x_api_key", "key", "token",
                "access_token", "accessToken", "password", "passwd", "secret", "client_secret", "auth", "jwt",
                "api%5Fkey", "api%5fKEY", "Pass+word")) {
            assertEquals("/recommendations?user_id=1&" + name + "=***&limit=5",
                    QueryRedaction.redact("/recommendations?user_id=1&" + name + "=s3cr3t&limit=5"), name);
        }
    }

    @Test
    void keepsEveryOtherPartOfTheTargetAsSent() {
        String target = "/recommendations?user_id=u-1%40x&genre=Comedy%7CDrama&returnMetadata=True&limit=5&exclude=1,2";
        assertEquals(target, QueryRedaction.redact(target));
        assertEquals("/health", QueryRedaction.redact("/health"));
        assertEquals("/health?", QueryRedaction.redact("/health?"));
        assertEquals("/x?a&&b=", QueryRedaction.redact("/x?a&&b="));
    }

    @Test
    void masksFirstMiddleLastRepeatedAndSemicolonSeparatedParameters() {
        assertEquals("/x?token=***", QueryRedaction.redact("/x?token=abc"));
        assertEquals("/x?token=***&token=***", QueryRedaction.redact("/x?token=a&token=b"));
        assertEquals("/x?a=1;api_key=***;b=2", QueryRedaction.redact("/x?a=1;api_key=k;b=2"));
        assertEquals("/x?api_key=***", QueryRedaction.redact("/x?api_key="));
        assertEquals("http://host:8080/x?api_key=***", QueryRedaction.redact("http://host:8080/x?api_key=k"));
    }

    @Test
    void aValueContainingEqualsSignsIsMaskedWhole() {
        assertEquals("/x?secret=***&b=1", QueryRedaction.redact("/x?secret=a=b==&b=1"));
    }

    @Test
    void aMalformedEscapeInANameIsJudgedAsSent() {
        assertEquals("/x?api_key%=***", QueryRedaction.redact("/x?api_key%=k"));
        assertEquals("/x?%zz=v", QueryRedaction.redact("/x?%zz=v"));
    }

    @Test
    void theServicesOwnParametersAreNeverMasked() {
        for (String name : List.of("user_id", "movie_id", "returnMetadata", "limit", "offset", "explain", "genre",
                "genre_mode", "exclude_genre", "year_from", "year_to", "exclude", "q")) {
            assertFalse(QueryRedaction.isSecret(name), name);
        }
        assertTrue(QueryRedaction.isSecret("refresh_token"));
        assertFalse(QueryRedaction.isSecret(""));
        assertFalse(QueryRedaction.isSecret("_-_"));
    }
}
