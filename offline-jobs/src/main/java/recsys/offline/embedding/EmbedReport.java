package recsys.offline.embedding;

/** What one embedding run did; {@code embedSeconds} covers the model alone, {@code seconds} the whole job. */
public record EmbedReport(String runId, String ingestRun, long movies, double embedSeconds, String index, double seconds) {

    public String summaryLine() {
        return String.format("embed %s: %,d movies embedded in %.1f s (%,.0f texts/s), published %s in %.1f s",
                runId, movies, embedSeconds, movies / Math.max(embedSeconds, 1e-9), index, seconds);
    }
}
