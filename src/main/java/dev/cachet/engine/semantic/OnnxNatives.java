package dev.cachet.engine.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * ONNX Runtime's Java binding copies its native libraries (16 MB) into a new temp dir on every start
 * and cannot delete that dir while the libraries are loaded: one {@code onnxruntime-java*} dir per run,
 * with the libraries still inside after a crash. Given a directory in the system property
 * {@value #PATH_PROPERTY} it loads them from there instead. This class copies them once into the user
 * cache dir, in a folder named by platform and checksum (a new ONNX Runtime gets a new folder), and sets
 * that property; the binding's own temp dir then stays empty and is deleted at exit.
 */
final class OnnxNatives {

    static final String PATH_PROPERTY = "onnxruntime.native.path";
    private static final Logger LOG = Logger.getLogger(OnnxNatives.class.getName());
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private OnnxNatives() { }

    /**
     * Points ONNX Runtime at a stable copy of its libraries under {@code cacheHome}, copying them there
     * first if needed. Must run before the first ONNX Runtime class is used. Leaves a property the user set
     * alone; on any failure (unknown platform, unwritable cache dir) leaves the binding's default in place.
     */
    static synchronized void useStableCopy(Path cacheHome) {
        if (System.getProperty(PATH_PROPERTY) != null) return;
        try {
            copyLibraries(cacheHome).ifPresent(dir -> System.setProperty(PATH_PROPERTY, dir.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "keeping ONNX Runtime's own native library extraction: " + e);
        }
    }

    /**
     * The folder under {@code cacheHome} holding this platform's libraries, copied there unless a complete
     * copy already is; empty when the jar has no libraries for this platform.
     */
    static Optional<Path> copyLibraries(Path cacheHome) throws IOException {
        String platform = platform();
        var sources = new ArrayList<Library>();
        var crc = new CRC32();
        for (String name : LIBRARIES) {
            String file = System.mapLibraryName(name);
            URL url = OnnxNatives.class.getClassLoader().getResource("ai/onnxruntime/native/" + platform + "/" + file);
            if (url == null) return Optional.empty(); // a platform this jar does not ship: ONNX Runtime reports that itself
            Library lib = Library.of(file, url);
            sources.add(lib);
            crc.update((lib.size() + ":" + lib.checksum() + ";").getBytes(StandardCharsets.US_ASCII));
        }
        Path dir = cacheHome.resolve("onnxruntime").resolve(platform + "-" + Long.toHexString(crc.getValue()));
        Files.createDirectories(dir);
        for (Library lib : sources) lib.copyInto(dir);
        return Optional.of(dir);
    }

    /** ONNX Runtime's name for this platform ("linux-x64", "osx-aarch64", ...). */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : os.contains("nux") ? "linux" : os;
        String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch;
        return o + "-" + a;
    }

    /** One library inside the jar: its file name, size and checksum (from the jar's index, without reading it). */
    private record Library(String file, URL url, long size, long checksum) {

        static Library of(String file, URL url) throws IOException {
            URLConnection c = url.openConnection();
            if (c instanceof JarURLConnection jar && jar.getJarEntry().getCrc() != -1) {
                return new Library(file, url, jar.getJarEntry().getSize(), jar.getJarEntry().getCrc());
            }
            var crc = new CRC32();
            long size = 0;
            try (InputStream in = url.openStream()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; size += n) crc.update(buf, 0, n);
            }
            return new Library(file, url, size, crc.getValue());
        }

        /** Copies the library into {@code dir} unless a complete copy is there; atomic, so concurrent starts are safe. */
        void copyInto(Path dir) throws IOException {
            Path target = dir.resolve(file);
            if (Files.isRegularFile(target) && Files.size(target) == size) return;
            Path part = Files.createTempFile(dir, file, ".part");
            try {
                try (InputStream in = url.openStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                if (Files.size(part) != size) throw new IOException("short copy of " + file);
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }
}
