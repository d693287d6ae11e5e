package recsys.offline.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The test JVM's class path split the way a deployment splits it: third-party jars (what a Spark installation and
 * the application's dependencies provide on every node) and the project's own main classes (what the application
 * jar carries). Test classes belong to neither.
 */
final class TestClasspath {

    private final List<Path> thirdPartyJars = new ArrayList<>();
    private final List<Path> projectEntries = new ArrayList<>();

    private TestClasspath(String classPath, Path reactorRoot) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                continue;
            }
            boolean directory = Files.isDirectory(path);
            // Maven resolves third-party dependencies to jars in the local repository; the project's own modules
            // are class folders in the reactor, or jars under the reactor or under the project's group id
            boolean project = directory || path.startsWith(reactorRoot)
                    || path.toString().contains(File.separator + "movierecommender" + File.separator);
            if (!project) {
                thirdPartyJars.add(path);
            } else if (!isTestOnly(path)) {
                projectEntries.add(path);
            }
        }
    }

    /** The class path surefire gave this JVM (its {@code java.class.path} may be a manifest-only booter jar). */
    static TestClasspath current() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // surefire runs a module's tests in the module folder; its parent is the reactor root
        Path moduleDir = Path.of("").toAbsolutePath();
        Path reactorRoot = moduleDir.getParent() == null ? moduleDir : moduleDir.getParent();
        return new TestClasspath(classPath, reactorRoot);
    }

    private static boolean isTestOnly(Path path) {
        String name = path.getFileName().toString();
        return name.equals("test-classes") || name.endsWith("-tests.jar");
    }

    List<Path> thirdPartyJars() {
        return List.copyOf(thirdPartyJars);
    }

    List<Path> projectEntries() {
        return List.copyOf(projectEntries);
    }

    static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    /** Packs the project's main classes and resources into one application jar, the first entry winning. */
    Path writeApplicationJar(Path jar) {
        if (projectEntries.isEmpty()) {
            throw new IllegalStateException("no project classes on the test class path");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Set<String> written = new HashSet<>();
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                written.add(JarFile.MANIFEST_NAME);
                for (Path entry : projectEntries) {
                    if (Files.isDirectory(entry)) {
                        addDirectory(out, entry, written);
                    } else {
                        addJar(out, entry, written);
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    private static void addDirectory(JarOutputStream out, Path root, Set<String> written) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace(File.separatorChar, '/');
            if (written.add(name)) {
                addParents(out, name, written);
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void addJar(JarOutputStream out, Path source, Set<String> written) throws IOException {
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                if (written.add(entry.getName())) {
                    addParents(out, entry.getName(), written);
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    /** Directory entries, so that class loaders can find packages and resources by folder. */
    private static void addParents(JarOutputStream out, String name, Set<String> written) throws IOException {
        int slash = name.indexOf('/');
        while (slash >= 0) {
            String dir = name.substring(0, slash + 1);
            if (written.add(dir)) {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            slash = name.indexOf('/', slash + 1);
        }
    }
}
