package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX Runtime's native libraries are copied once per version into the cache dir, never into the temp dir. */
class OnnxNativesTest {

    @TempDir Path cache;

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void copiesTheLibrariesOnce_andReusesTheCopy() throws Exception {
        Path dir = OnnxNatives.copyLibraries(cache).orElseThrow();
        assertThat(dir).startsWith(cache.resolve("onnxruntime"));
        assertThat(dir.getFileName().toString()).startsWith(OnnxNatives.platform() + "-");
        assertThat(files(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
        Path lib = dir.resolve(System.mapLibraryName("onnxruntime"));
        assertThat(Files.size(lib)).isGreaterThan(1_000_000);
        FileTime written = FileTime.fromMillis(1_000);
        Files.setLastModifiedTime(lib, written);

        assertThat(OnnxNatives.copyLibraries(cache)).contains(dir);
        assertThat(Files.getLastModifiedTime(lib)).as("not copied again").isEqualTo(written);
        assertThat(files(dir)).hasSize(2); // no .part files left over
    }

    @Test
    void aTruncatedCopy_isReplaced() throws Exception {
        Path dir = OnnxNatives.copyLibraries(cache).orElseThrow();
        Path lib = dir.resolve(System.mapLibraryName("onnxruntime"));
        long size = Files.size(lib);
        Files.write(lib, new byte[100]); // a copy cut short (disk full, killed)

        OnnxNatives.copyLibraries(cache);
        assertThat(Files.size(lib)).isEqualTo(size);
    }
}
