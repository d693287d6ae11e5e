package recsys.offline.embedding;

/** What one embedding run did; {@code embedSeconds} covers the model alone, {@code seconds} the whole job. */
public record EmbedReport(String runId, String ingestRun, long movies, long reused, double embedSeconds, String index,
                          double seconds) {

    /** The movies the model embedded this run (the others reused an earlier run's vector of the same text). */
    public long embedded() {
        return movies - reused;
    }

    public String summaryLine() {
        return String.format("embed %s: %,d movies, %,d embedded in %.1f s (%,.0f texts/s), %,d vectors reused, "
                        + "published %s in %.1f s", runId, movies, embedded(), embedSeconds,
                embedded() / Math.max(embedSeconds, 1e-9), reused, index, seconds);
    }
}
