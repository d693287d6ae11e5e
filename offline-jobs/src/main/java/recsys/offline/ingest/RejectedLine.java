package recsys.offline.ingest;

import java.io.Serializable;

/** A line the ingest could not use, with why; the report lists a few of these per file. */
public record RejectedLine(String file, long line, String reason, String text) implements Serializable {

    private static final int MAX_TEXT = 200;

    public RejectedLine {
        if (text != null && text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "...";
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason + " [" + text + "]";
    }
}
