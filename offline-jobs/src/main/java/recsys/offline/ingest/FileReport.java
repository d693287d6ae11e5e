package recsys.offline.ingest;

import java.util.List;

/** What the ingest made of one input file. */
public record FileReport(String file, long lines, long parsed, long rejected, List<RejectedLine> examples) {

    public FileReport {
        examples = List.copyOf(examples);
    }
}
