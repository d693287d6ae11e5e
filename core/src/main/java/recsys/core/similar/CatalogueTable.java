package recsys.core.similar;

import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.TopNCatalogue;

/**
 * An item-item table read by catalogue position: a movie's outgoing weights {@code W[q][·]} straight from the
 * stored rows, and, when asked for, its incoming weights {@code W[·][q]}. The stored table keeps rows only (what a
 * user's ranking walks), so the incoming side, which a symmetrised similarity needs, is indexed here once per model
 * version (compressed columns) instead of scanning the whole table per query; the outgoing side is not copied,
 * since the tables of ml-latest-small hold several million entries. Entries whose movie the catalogue does not know
 * are skipped. Immutable.
 */
final class CatalogueTable {

    private final ItemNeighbours table;
    /** Catalogue position of each table row, -1 where the catalogue does not know the movie. */
    private final int[] positionOfRow;
    /** Table row of each catalogue position, -1 where the table has none. */
    private final int[] rowOfPosition;
    private final int[] inStart;
    private final int[] inSource;
    private final float[] inWeight;

    CatalogueTable(ItemNeighbours table, TopNCatalogue catalogue, boolean withIncoming) {
        this.table = table;
        int n = catalogue.size();
        this.positionOfRow = catalogue.positionsOf(table.ids());
        this.rowOfPosition = new int[n];
        java.util.Arrays.fill(rowOfPosition, -1);
        for (int r = 0; r < positionOfRow.length; r++) {
            if (positionOfRow[r] >= 0) {
                rowOfPosition[positionOfRow[r]] = r;
            }
        }
        if (!withIncoming) {
            inStart = null;
            inSource = null;
            inWeight = null;
            return;
        }
        int[] counts = new int[n];
        for (int r = 0; r < table.size(); r++) {
            if (positionOfRow[r] >= 0) {
                for (int c : table.neighbours(r)) {
                    if (positionOfRow[c] >= 0) {
                        counts[positionOfRow[c]]++;
                    }
                }
            }
        }
        inStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            inStart[i + 1] = inStart[i] + counts[i];
        }
        inSource = new int[inStart[n]];
        inWeight = new float[inStart[n]];
        int[] filled = new int[n];
        for (int r = 0; r < table.size(); r++) {
            int p = positionOfRow[r];
            if (p < 0) {
                continue;
            }
            int[] row = table.neighbours(r);
            float[] weights = table.weights(r);
            for (int e = 0; e < row.length; e++) {
                int q = positionOfRow[row[e]];
                if (q >= 0) {
                    int i = inStart[q] + filled[q]++;
                    inSource[i] = p;
                    inWeight[i] = weights[e];
                }
            }
        }
    }

    /** Adds {@code W[q][j]} into {@code scores[j]} for every stored j. */
    void addRow(int q, double[] scores) {
        int r = rowOfPosition[q];
        if (r < 0) {
            return;
        }
        int[] row = table.neighbours(r);
        float[] weights = table.weights(r);
        for (int e = 0; e < row.length; e++) {
            int j = positionOfRow[row[e]];
            if (j >= 0) {
                scores[j] += weights[e];
            }
        }
    }

    /** Adds {@code W[j][q]} into {@code scores[j]} for every stored j; needs the incoming side. */
    void addColumn(int q, double[] scores) {
        if (inStart == null) {
            throw new IllegalStateException("this table was built without its incoming weights");
        }
        for (int e = inStart[q]; e < inStart[q + 1]; e++) {
            scores[inSource[e]] += inWeight[e];
        }
    }
}
