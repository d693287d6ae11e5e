package recsys.offline.models;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one artifact's bytes; the stream is closed (and the artifact recorded) by the caller. */
@FunctionalInterface
public interface ArtifactWriter {

    void writeTo(OutputStream out) throws IOException;
}
