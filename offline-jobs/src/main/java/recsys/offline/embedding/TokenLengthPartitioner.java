package recsys.offline.embedding;

import org.apache.spark.Partitioner;

/**
 * One partition per token length: key {@code n} (0..{@code maxTokens}) goes to partition {@code n}. Unlike
 * hash partitioning, two lengths never share a partition, which Spark NLP's batching needs (see
 * {@link SparkNlpSentenceEmbedder}).
 */
final class TokenLengthPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int maxTokens;

    TokenLengthPartitioner(int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    @Override
    public int numPartitions() {
        return maxTokens + 1;
    }

    @Override
    public int getPartition(Object key) {
        int length = (Integer) key;
        if (length < 0 || length > maxTokens) {
            throw new IllegalArgumentException("token length " + length + " outside 0.." + maxTokens);
        }
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenLengthPartitioner p && p.maxTokens == maxTokens;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(maxTokens);
    }
}
