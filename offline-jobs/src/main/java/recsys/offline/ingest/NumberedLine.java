package recsys.offline.ingest;

import java.io.Serializable;

/** One line of an input file with its 1-based line number, so rejections can say where they came from. */
public record NumberedLine(long number, String text) implements Serializable {
}
