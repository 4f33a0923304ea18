package dev.cachet.engine;

import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.DatabaseException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A database whose tables a newer Cachet wrote is refused by whichever part opens them first, and the
 * engine then leaves nothing open: no file handle on cachet.db (counted in /proc/self/fd, Linux only).
 */
class EngineOpenFailureTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cache", "conversations", "metrics", "templates", "semantic", "retrieval", "data", "routing"})
    void aNewerSchemaInAnyPart_isRefused_andTheDatabaseIsClosed(String module) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counts open files through /proc");
        Path data = dir.resolve("data");
        try (var engine = Engine.open(options(data))) {
            assertThat(engine.database().version(module)).as("the engine creates the '" + module + "' tables").isPositive();
        }
        try (var db = Database.open(data, InstantSource.system())) {
            db.write(c -> c.createStatement().executeUpdate("UPDATE schema_version SET version = 99 WHERE module = '" + module + "'"));
        }
        assertThat(openFilesUnder(data)).as("nothing open before").isEmpty();

        assertThatThrownBy(() -> Engine.open(options(data))).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("schema '" + module + "' is at version 99").hasMessageContaining("newer Cachet");

        assertThat(openFilesUnder(data)).as("files under the data dir still open after the refusal").isEmpty();
    }

    private static EngineOptions options(Path data) {
        return new EngineOptions(data, CachetConfig.defaults().withDefaultProvider("simulator"), false, InstantSource.system());
    }

    private static List<Path> openFilesUnder(Path folder) throws IOException {
        var out = new ArrayList<Path>();
        Path root = folder.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(root)) out.add(target);
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed while we looked
                }
            }
        }
        return out;
    }
}
