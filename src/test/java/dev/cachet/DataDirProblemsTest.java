package dev.cachet;

import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.ReadOnlyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data dir or database Cachet cannot use stops every command at once with one line naming it and
 * exit code 3: no answer printed first, no stack trace, nothing changed on disk. Real processes, as a
 * user runs them (the error handling lives in Main).
 */
class DataDirProblemsTest {

    @TempDir Path dir;
    private MainProcess cachet;
    private Path workload;

    @BeforeEach void setUp() throws Exception {
        cachet = new MainProcess(dir.resolve("sandbox"));
        workload = Files.writeString(dir.resolve("w.jsonl"), "{\"prompt\":\"one\"}\n{\"prompt\":\"two\"}\n");
    }

    private MainProcess.Run run(String... args) throws Exception {
        return cachet.run(dir.resolve("work"), args);
    }

    private static void assertRefusedInOneLine(MainProcess.Run run, String... mentions) {
        List<String> err = run.err().lines().toList();
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(err).as(run.describe()).hasSize(1);
        assertThat(err.getFirst()).startsWith("error: ").contains(mentions);
        assertThat(run.out()).as("nothing answered before the refusal").doesNotContain("[simulated answer]");
    }

    private Path existingDatabase() {
        Path data = dir.resolve("data");
        try (var db = Database.open(data, InstantSource.system())) {
            return db.file();
        }
    }

    @Test void replay_intoADataDirThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertRefusedInOneLine(run("--data-dir", file.toString(), "replay", "--workload", workload.toString()), file.toString());
    }

    @Test void replay_chat_andStats_onAReadOnlyDatabase() throws Exception {
        Path db = existingDatabase();
        try (var readOnly = ReadOnlyFile.of(db)) {
            String data = db.getParent().toString();
            assertRefusedInOneLine(run("--data-dir", data, "replay", "--workload", workload.toString()), db + " is read-only");
            assertRefusedInOneLine(run("--data-dir", data, "chat", "What is a semantic cache?"), db + " is read-only");
            assertRefusedInOneLine(run("--data-dir", data, "stats"), db + " is read-only");
        }
    }

    @Test void window_onAReadOnlyDatabase_opensOnATemporaryOne_andSaysSo() throws Exception {
        Path db = existingDatabase();
        try (var readOnly = ReadOnlyFile.of(db)) {
            MainProcess.Run run = run("--data-dir", db.getParent().toString(), "--measure-startup");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.out()).contains("startup: window usable");
            assertThat(run.err()).contains(db + " is read-only").contains("temporary database");
        }
        try (var left = Files.list(cachet.tmpDir())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("cachet-temporary-"));
        }
    }

    @Test void replay_onADatabaseFromANewerCachet_leavesItAlone() throws Exception {
        Path db = existingDatabase();
        try (var open = Database.open(db.getParent(), InstantSource.system())) {
            open.write(c -> c.createStatement().executeUpdate(
                    "INSERT INTO schema_version(module, version) VALUES ('cache', 99)"));
        }
        assertRefusedInOneLine(run("--data-dir", db.getParent().toString(), "replay", "--workload", workload.toString()),
                "newer Cachet");
        try (var open = Database.open(db.getParent(), InstantSource.system())) {
            assertThat(open.version("cache")).isEqualTo(99);
        }
    }
}
