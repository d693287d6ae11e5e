package recsys.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary format of a {@link BiasBaseline}, version 1, in Java's {@code DataOutput} order:
 *
 * <pre>
 * 4     magic: the ASCII bytes "RBIA"
 * 4     format version: 1
 * 8     μ, 8 λ_u, 8 λ_i (float64)
 * 4     number of movie biases M, then M × (modified-UTF-8 movie id, float64 bias), ids in ascending order
 * 4     number of user biases U, then U × (modified-UTF-8 user id, float64 bias), ids in ascending order
 * </pre>
 *
 * Why binary and not JSON: the biases must come back bit for bit (the serving model adds the residual trees to
 * them), and core sits next to two Jackson versions (Spark's and Micronaut's), as for {@link TreeEnsembleFormat}.
 * Integrity is the model store's job (every artifact's SHA-256 is in the manifest); this format only refuses what
 * is not a bias file or is truncated. Sorted ids make the bytes, and so the checksum, the same for the same model.
 */
public final class BiasBaselineFormat {

    static final int MAGIC = 0x52424941;
    static final int VERSION = 1;
    /** More entries than any catalogue or user base this serves; a corrupted count cannot allocate without bound. */
    private static final int MAX_ENTRIES = 50_000_000;

    private BiasBaselineFormat() {
    }

    public static void write(BiasBaseline baseline, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeDouble(baseline.globalMean());
        data.writeDouble(baseline.userDamping());
        data.writeDouble(baseline.itemDamping());
        writeEntries(data, baseline.itemBiases());
        writeEntries(data, baseline.userBiases());
        data.flush();
    }

    public static BiasBaseline read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int magic = data.readInt();
            if (magic != MAGIC) {
                throw new IOException("not a bias baseline file (magic " + Integer.toHexString(magic) + ")");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw new IOException("bias baseline format version " + version + " is not supported (this code"
                        + " reads " + VERSION + ")");
            }
            double mean = data.readDouble();
            double userDamping = data.readDouble();
            double itemDamping = data.readDouble();
            Map<String, Double> items = readEntries(data, "movie");
            Map<String, Double> users = readEntries(data, "user");
            if (data.read() != -1) {
                throw new IOException("bias baseline file has bytes after its last entry");
            }
            return new BiasBaseline(mean, users, items, userDamping, itemDamping);
        } catch (EOFException e) {
            throw new IOException("bias baseline file is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bias baseline file holds an invalid model: " + e.getMessage(), e);
        }
    }

    private static void writeEntries(DataOutputStream data, Map<String, Double> biases) throws IOException {
        data.writeInt(biases.size());
        for (Map.Entry<String, Double> entry : new TreeMap<>(biases).entrySet()) {
            data.writeUTF(entry.getKey());
            data.writeDouble(entry.getValue());
        }
    }

    private static Map<String, Double> readEntries(DataInputStream data, String what) throws IOException {
        int count = data.readInt();
        if (count < 0 || count > MAX_ENTRIES) {
            throw new IOException("bias baseline file has an invalid " + what + " count " + count);
        }
        Map<String, Double> biases = new HashMap<>(Math.max(16, count * 2));
        for (int i = 0; i < count; i++) {
            biases.put(data.readUTF(), data.readDouble());
        }
        return biases;
    }
}
