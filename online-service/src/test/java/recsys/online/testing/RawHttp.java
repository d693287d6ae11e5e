package recsys.online.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests no HTTP client sends as given: a request line or headers
 * over the server's limits, a body that lies about its length. The request is written as is; the answer is read
 * until the server closes the connection (every request here says {@code Connection: close}, and the server closes
 * after refusing an oversized one anyway).
 */
public final class RawHttp {

    /** The status line's code, the headers (names lower-cased) and the body, parsed when it is JSON. */
    public record Answer(int status, Map<String, String> headers, String body, JsonNode json) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;

    public RawHttp(URI base) {
        this.base = base;
    }

    /** Sends {@code head} (request line and headers, each ending in CRLF, without the blank line) and {@code body}. */
    public Answer exchange(String head, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (SocketException refusedEarly) {
                // the server may answer and close before it has read everything: its answer is still there to read
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the answer (the server discarding what it did not read) ends the exchange too
        }
        return answer.toByteArray();
    }

    private static Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(headEnd + 4);
        JsonNode json = MissingNode.getInstance();
        if (headers.getOrDefault("content-type", "").startsWith("application/json")) {
            json = JSON.readTree(body);
        }
        return new Answer(status, headers, body, json);
    }
}
