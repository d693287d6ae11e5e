package recsys.online.accesslog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Masks the values of credential-like parameters in a request target ({@code /path?query}) so it can be logged:
 * {@code /recommendations?user_id=1&api_key=abc} becomes {@code /recommendations?user_id=1&api_key=***}.
 *
 * <p>A parameter is credential-like when its name, URL-decoded, lower-cased and stripped of everything but letters
 * and digits ({@code API-Key}, {@code api_key}, {@code apiKey} all become {@code apikey}), ends with one of
 * {@link #SECRET_SUFFIXES}. Suffixes rather than exact names, because clients spell the same secret many ways
 * ({@code x_api_key}, {@code access_token}, {@code client_secret}); a harmless parameter that happens to match is only
 * masked, which costs a log reader little. None of the service's own parameters matches. Everything else of the
 * target, including the spelling of each name, is kept byte for byte.
 */
public final class QueryRedaction {

    /** What replaces a masked value. */
    public static final String MASK = "***";

    /** Normalised name endings that mark a parameter as a credential. */
    static final List<String> SECRET_SUFFIXES = List.of("key", "token", "secret", "password", "passwd", "pwd",
            "pass", "credential", "credentials", "signature", "auth", "authorization", "session", "sessionid", "jwt");

    private QueryRedaction() {
    }

    /** {@code target} with the value of every credential-like query parameter replaced by {@link #MASK}. */
    public static String redact(String target) {
        int query = target.indexOf('?');
        if (query < 0) {
            return target;
        }
        StringBuilder out = new StringBuilder(target.length()).append(target, 0, query + 1);
        int start = query + 1;
        while (start <= target.length()) {
            int end = nextSeparator(target, start);
            appendParameter(out, target.substring(start, end));
            if (end < target.length()) {
                out.append(target.charAt(end));
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** Whether a query parameter of this name (as sent, URL-encoded) holds a credential. */
    public static boolean isSecret(String encodedName) {
        String name = normalised(decoded(encodedName));
        if (name.isEmpty()) {
            return false;
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Both {@code &} and {@code ;} separate parameters: some servers and proxies accept either. */
    private static int nextSeparator(String target, int from) {
        for (int i = from; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '&' || c == ';') {
                return i;
            }
        }
        return target.length();
    }

    private static void appendParameter(StringBuilder out, String parameter) {
        int equals = parameter.indexOf('=');
        if (equals >= 0 && isSecret(parameter.substring(0, equals))) {
            out.append(parameter, 0, equals + 1).append(MASK);
        } else {
            out.append(parameter);
        }
    }

    private static String decoded(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // a broken %-escape: judge the name as sent
            return encoded;
        }
    }

    private static String normalised(String name) {
        StringBuilder letters = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letters.append(c);
            }
        }
        return letters.toString().toLowerCase(Locale.ROOT);
    }
}
