package recsys.testing;

/** Vector arithmetic tests compare embeddings with. */
public final class Vectors {

    private Vectors() {
    }

    /** Cosine similarity, accumulated in double. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " and " + b.length + " dimensions");
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            normA += a[i] * (double) a[i];
            normB += b[i] * (double) b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
