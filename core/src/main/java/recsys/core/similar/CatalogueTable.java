package recsys.core.similar;

import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.TopNCatalogue;

/**
 * An item-item table re-indexed by catalogue position, in compressed rows: each movie's outgoing weights
 * {@code W[q][·]} and, when asked for, its incoming weights {@code W[·][q]}. The stored table keeps rows only (what
 * a user's ranking walks), so the incoming side, which a symmetrised similarity needs, is built here once per
 * model version instead of scanning the whole table per query. Entries whose movie the catalogue does not know
 * are dropped. Immutable.
 */
final class CatalogueTable {

    private final int[] outStart;
    private final int[] outTarget;
    private final float[] outWeight;
    private final int[] inStart;
    private final int[] inSource;
    private final float[] inWeight;

    CatalogueTable(ItemNeighbours table, TopNCatalogue catalogue, boolean withIncoming) {
        int n = catalogue.size();
        int[] positions = catalogue.positionsOf(table.ids());
        int[] outCount = new int[n];
        int[] inCount = new int[n];
        for (int r = 0; r < table.size(); r++) {
            if (positions[r] < 0) {
                continue;
            }
            for (int c : table.neighbours(r)) {
                if (positions[c] >= 0) {
                    outCount[positions[r]]++;
                    inCount[positions[c]]++;
                }
            }
        }
        outStart = starts(outCount);
        outTarget = new int[outStart[n]];
        outWeight = new float[outStart[n]];
        inStart = withIncoming ? starts(inCount) : null;
        inSource = withIncoming ? new int[inStart[n]] : null;
        inWeight = withIncoming ? new float[inStart[n]] : null;
        int[] outFilled = new int[n];
        int[] inFilled = new int[n];
        for (int r = 0; r < table.size(); r++) {
            int p = positions[r];
            if (p < 0) {
                continue;
            }
            int[] row = table.neighbours(r);
            float[] weights = table.weights(r);
            for (int e = 0; e < row.length; e++) {
                int q = positions[row[e]];
                if (q < 0) {
                    continue;
                }
                int o = outStart[p] + outFilled[p]++;
                outTarget[o] = q;
                outWeight[o] = weights[e];
                if (withIncoming) {
                    int i = inStart[q] + inFilled[q]++;
                    inSource[i] = p;
                    inWeight[i] = weights[e];
                }
            }
        }
    }

    /** Adds {@code scale · W[q][j]} into {@code scores[j]} for every stored j. */
    void addRow(int q, double scale, double[] scores) {
        for (int e = outStart[q]; e < outStart[q + 1]; e++) {
            scores[outTarget[e]] += scale * outWeight[e];
        }
    }

    /** Adds {@code scale · W[j][q]} into {@code scores[j]} for every stored j; needs the incoming side. */
    void addColumn(int q, double scale, double[] scores) {
        if (inStart == null) {
            throw new IllegalStateException("this table was built without its incoming weights");
        }
        for (int e = inStart[q]; e < inStart[q + 1]; e++) {
            scores[inSource[e]] += scale * inWeight[e];
        }
    }

    private static int[] starts(int[] counts) {
        int[] starts = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            starts[i + 1] = starts[i] + counts[i];
        }
        return starts;
    }
}
