package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The binary format of a {@link TreeEnsemble}, version 1. Big-endian (Java's {@code DataOutput} order), no
 * padding; offsets in bytes:
 *
 * <pre>
 * offset  size  field
 *  0      4     magic: the ASCII bytes "RTEN" (0x5254454E)
 *  4      4     format version: 1
 *  8      4     total length L of the file in bytes, this header and the checksum included
 * 12      1     kind: 1 = random forest (mean of the trees), 2 = gradient-boosted (weighted sum)
 * 13      4     number of features F (every split's feature index is in [0, F))
 * 17      4     number of trees T, 1 .. 100000
 * 21            T trees, one after the other, each:
 *                 8  tree weight (float64; 1.0 for every tree of a random forest)
 *                 4  node count N, 1 .. 1048575
 *                 N nodes in index order (node 0 is the root), each:
 *                   4  feature index, or -1 for a leaf
 *                   a split (feature index &gt;= 0), 16 bytes more:
 *                      8  threshold (float64): go left when features[feature] &lt;= threshold
 *                      4  index of the left child
 *                      4  index of the right child
 *                   a leaf, 8 bytes more:
 *                      8  prediction (float64)
 * L-4     4     CRC-32 (java.util.zip.CRC32) of bytes [0, L-4)
 * </pre>
 *
 * Readers check the fields in that order and stop at the first problem: magic (not a tree ensemble), version (a
 * format this code does not know; the fields after the version may differ in other versions), length (truncated
 * or followed by other bytes), checksum (corrupted), then the counts and the structure of every tree. Why binary and
 * not JSON through Jackson: the content is flat numeric arrays whose doubles must come back bit for bit; core is
 * loaded next to two different Jackson versions (Spark's pinned 2.15 and Micronaut's), and a fixed layout is easier
 * to check for truncation than a document.
 */
final class TreeEnsembleFormat {

    static final int MAGIC = 0x5254454E;
    static final int VERSION = 1;

    private static final int PREFIX_BYTES = 12;     // magic, version, length: what a reader needs before the rest
    private static final int HEADER_BYTES = 21;
    private static final int TREE_HEADER_BYTES = 12;
    private static final int SPLIT_BYTES = 20;
    private static final int LEAF_BYTES = 12;
    private static final int CHECKSUM_BYTES = 4;
    private static final int MIN_LENGTH = HEADER_BYTES + TREE_HEADER_BYTES + LEAF_BYTES + CHECKSUM_BYTES;

    private TreeEnsembleFormat() {
    }

    static byte[] encode(TreeEnsemble ensemble) {
        long length = HEADER_BYTES + CHECKSUM_BYTES;
        for (int t = 0; t < ensemble.numTrees(); t++) {
            RegressionTree tree = ensemble.tree(t);
            length += TREE_HEADER_BYTES;
            for (int n = 0; n < tree.nodeCount(); n++) {
                length += tree.isLeaf(n) ? LEAF_BYTES : SPLIT_BYTES;
            }
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the ensemble needs " + length + " bytes, more than one array holds");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length);
        out.putInt(MAGIC).putInt(VERSION).putInt((int) length);
        out.put((byte) ensemble.kind().code).putInt(ensemble.numFeatures()).putInt(ensemble.numTrees());
        for (int t = 0; t < ensemble.numTrees(); t++) {
            RegressionTree tree = ensemble.tree(t);
            out.putDouble(ensemble.treeWeight(t)).putInt(tree.nodeCount());
            for (int n = 0; n < tree.nodeCount(); n++) {
                if (tree.isLeaf(n)) {
                    out.putInt(RegressionTree.LEAF).putDouble(tree.value(n));
                } else {
                    out.putInt(tree.feature(n)).putDouble(tree.threshold(n)).putInt(tree.left(n)).putInt(tree.right(n));
                }
            }
        }
        out.putInt(crc(out.array(), out.position()));
        return out.array();
    }

    static TreeEnsemble decode(InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(PREFIX_BYTES);
        if (prefix.length < PREFIX_BYTES) {
            throw new TreeEnsembleFormatException("truncated tree ensemble: " + prefix.length
                    + " bytes, fewer than the " + PREFIX_BYTES + " bytes of magic, version and length");
        }
        ByteBuffer head = ByteBuffer.wrap(prefix);
        int magic = head.getInt();
        if (magic != MAGIC) {
            throw new TreeEnsembleFormatException(String.format(
                    "not a tree ensemble: the data starts with 0x%08X, not the magic 0x%08X (\"RTEN\")", magic, MAGIC));
        }
        int version = head.getInt();
        if (version != VERSION) {
            throw new TreeEnsembleFormatException("tree ensemble format version " + version
                    + " is not supported: this code reads version " + VERSION
                    + "; export the model again with a matching offline-jobs build");
        }
        int length = head.getInt();
        if (length < MIN_LENGTH) {
            throw new TreeEnsembleFormatException("corrupted tree ensemble: the header gives a length of " + length
                    + " bytes, less than the smallest ensemble (" + MIN_LENGTH + ")");
        }
        // readNBytes grows its buffer as data arrives, so a corrupted length cannot force a huge allocation
        byte[] rest = in.readNBytes(length - PREFIX_BYTES);
        if (rest.length < length - PREFIX_BYTES) {
            throw new TreeEnsembleFormatException("truncated tree ensemble: the header gives " + length
                    + " bytes, the data ends after " + (PREFIX_BYTES + rest.length));
        }
        if (in.read() != -1) {
            long extra = 1 + in.transferTo(OutputStream.nullOutputStream());
            throw new TreeEnsembleFormatException("the tree ensemble's " + length + " bytes are followed by "
                    + extra + " more: not a single ensemble file");
        }
        byte[] bytes = new byte[length];
        System.arraycopy(prefix, 0, bytes, 0, PREFIX_BYTES);
        System.arraycopy(rest, 0, bytes, PREFIX_BYTES, rest.length);

        ByteBuffer data = ByteBuffer.wrap(bytes);
        int stored = data.getInt(length - CHECKSUM_BYTES);
        int computed = crc(bytes, length - CHECKSUM_BYTES);
        if (stored != computed) {
            throw new TreeEnsembleFormatException(String.format(
                    "corrupted tree ensemble: CRC-32 stored 0x%08X, computed 0x%08X", stored, computed));
        }
        data.limit(length - CHECKSUM_BYTES).position(PREFIX_BYTES);
        try {
            return body(data);
        } catch (BufferUnderflowException e) {
            throw new TreeEnsembleFormatException("malformed tree ensemble: the trees need more bytes than the "
                    + "header's length leaves (the checksum matches, so the writer is at fault)", e);
        }
    }

    private static TreeEnsemble body(ByteBuffer data) throws TreeEnsembleFormatException {
        int kindCode = data.get();
        TreeEnsemble.Kind kind = TreeEnsemble.Kind.ofCode(kindCode);
        if (kind == null) {
            throw new TreeEnsembleFormatException("unknown ensemble kind " + kindCode
                    + " (1 = random forest, 2 = gradient-boosted)");
        }
        int numFeatures = data.getInt();
        int numTrees = data.getInt();
        if (numFeatures < 1) {
            throw new TreeEnsembleFormatException("the tree ensemble has " + numFeatures + " features");
        }
        if (numTrees < 1 || numTrees > TreeEnsemble.MAX_TREES) {
            throw new TreeEnsembleFormatException("the tree ensemble has " + numTrees + " trees; 1 to "
                    + TreeEnsemble.MAX_TREES + " are allowed");
        }
        RegressionTree[] trees = new RegressionTree[numTrees];
        double[] weights = new double[numTrees];
        for (int t = 0; t < numTrees; t++) {
            weights[t] = data.getDouble();
            int nodeCount = data.getInt();
            if (nodeCount < 1 || nodeCount > TreeEnsemble.MAX_NODES_PER_TREE
                    || (long) nodeCount * LEAF_BYTES > data.remaining()) {
                throw new TreeEnsembleFormatException("tree " + t + " of " + numTrees + " has " + nodeCount
                        + " nodes, which do not fit in the " + data.remaining() + " bytes left");
            }
            RegressionTree.Builder tree = RegressionTree.builder(nodeCount);
            try {
                for (int n = 0; n < nodeCount; n++) {
                    int feature = data.getInt();
                    if (feature == RegressionTree.LEAF) {
                        tree.leaf(n, data.getDouble());
                    } else {
                        tree.split(n, feature, data.getDouble(), data.getInt(), data.getInt());
                    }
                }
                trees[t] = tree.build();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new TreeEnsembleFormatException("tree " + t + " of " + numTrees + " is invalid: "
                        + e.getMessage(), e);
            }
        }
        if (data.hasRemaining()) {
            throw new TreeEnsembleFormatException("malformed tree ensemble: " + data.remaining()
                    + " bytes between the last tree and the checksum");
        }
        try {
            return TreeEnsemble.of(kind, numFeatures, trees, weights);
        } catch (IllegalArgumentException e) {
            throw new TreeEnsembleFormatException("invalid tree ensemble: " + e.getMessage(), e);
        }
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
