package recsys.offline.topn;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which LAPACK netlib ({@code dev.ludovic.netlib} 3.0.3, Spark's) runs here, for logs and reports.
 *
 * <p>{@code LAPACK.getInstance()} is {@code JNILAPACK} when its JNI stub could {@code dlopen} a system
 * {@code liblapack.so.3} (or the library named by the system property {@code dev.ludovic.netlib.lapack.nativeLib}
 * or {@code ...nativeLibPath}); otherwise netlib logs, through java.util.logging, {@code WARNING: Failed to load
 * implementation from:dev.ludovic.netlib.lapack.JNILAPACK} and returns {@code F2jLAPACK}. It logs nothing on
 * success. Debian's {@code liblapack.so.3} is an alternatives link: the reference LAPACK ({@code liblapack3}, native
 * but unoptimised) or OpenBLAS ({@code libopenblas0-pthread}, which registers itself at a higher priority), so the
 * class name alone does not say which: this reads the shared objects the process mapped from
 * {@code /proc/self/maps}.
 */
public final class LapackInfo {

    private LapackInfo() {
    }

    /** Whether {@code LAPACK.getInstance()} is a native (JNI) implementation. */
    public static boolean isNative() {
        return !(LAPACK.getInstance() instanceof JavaLAPACK);
    }

    /**
     * E.g. {@code "JNILAPACK (native: /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so)"} or
     * {@code "F2jLAPACK (pure Java fallback)"}.
     */
    public static String describe() {
        return describe(LAPACK.getInstance());
    }

    public static String describe(LAPACK lapack) {
        String name = lapack.getClass().getSimpleName();
        if (lapack instanceof JavaLAPACK) {
            return name + " (pure Java fallback)";
        }
        Set<String> libraries = nativeLibraries();
        return name + " (native: " + (libraries.isEmpty() ? "library not found in /proc/self/maps"
                : String.join(", ", libraries)) + ")";
    }

    /** The mapped shared objects whose file name mentions blas or lapack (Linux only; empty elsewhere). */
    static Set<String> nativeLibraries() {
        Set<String> found = new LinkedHashSet<>();
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return found;
        }
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String file = line.substring(slash).trim();
                String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
                // the JNI stubs netlib extracts to java.io.tmpdir are not the implementation
                if ((name.contains("blas") || name.contains("lapack")) && !name.startsWith("libnetlib")) {
                    found.add(file);
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }
}
