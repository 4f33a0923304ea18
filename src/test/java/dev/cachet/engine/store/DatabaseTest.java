package dev.cachet.engine.store;

import dev.cachet.engine.cache.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();

    private static final SchemaModule NOTES = new SchemaModule() {
        @Override public String name() { return "notes"; }
        @Override public List<String> migrations() {
            return List.of("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
                    "ALTER TABLE notes ADD COLUMN tag TEXT; CREATE INDEX notes_tag ON notes(tag)");
        }
    };

    private static long count(Database db, String table) {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test void open_createsTheDataDirAndAWalDatabase() {
        Path nested = dir.resolve("a/b");
        try (var db = Database.open(nested, clock)) {
            assertThat(db.file()).isEqualTo(nested.resolve("cachet.db")).exists();
            String mode = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualTo("wal");
            assertThat(db.notices()).isEmpty();
        }
    }

    @Test void open_dataDirThatIsAFile_failsNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "x");
        assertThatThrownBy(() -> Database.open(file.resolve("sub"), clock))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining(file.resolve("sub").toString());
    }

    @Test void open_aReadOnlyDatabaseFile_isRefusedAtOnce_inOneLine() throws Exception {
        try (var db = Database.open(dir, clock)) {
            db.migrate(NOTES);
        }
        Path file = dir.resolve(Database.FILE_NAME);
        try (var readOnly = ReadOnlyFile.of(file)) {
            assertThatThrownBy(() -> Database.open(dir, clock))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining(file + " is read-only")
                    .hasMessageContaining("--data-dir")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        try (var db = Database.open(dir, clock)) { // writable again: nothing was lost or set aside
            assertThat(db.version("notes")).isEqualTo(2);
            assertThat(db.notices()).isEmpty();
        }
    }

    @Test void open_aReadOnlyDataDir_isRefusedNamingIt() throws Exception {
        try (var readOnly = ReadOnlyFile.of(dir)) {
            assertThatThrownBy(() -> Database.open(dir, clock))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("not writable");
        }
    }

    @Test void migrate_runsEachStepOnce_andRecordsTheVersion() {
        try (var db = Database.open(dir, clock)) {
            db.migrate(NOTES);
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO notes(body, tag) VALUES ('x', 't')"));
            db.migrate(NOTES);
            assertThat(db.version("notes")).isEqualTo(2);
            assertThat(count(db, "notes")).isEqualTo(1);
        }
        try (var db = Database.open(dir, clock)) {
            db.migrate(NOTES);
            assertThat(count(db, "notes")).isEqualTo(1);
        }
    }

    @Test void migrate_newerSchemaThanTheCodeKnows_isRefused_andLeavesTheFileAlone() {
        try (var db = Database.open(dir, clock)) {
            db.migrate(NOTES);
            db.write(c -> c.createStatement().executeUpdate("UPDATE schema_version SET version = 9 WHERE module = 'notes'"));
        }
        try (var db = Database.open(dir, clock)) {
            assertThatThrownBy(() -> db.migrate(NOTES))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("'notes' is at version 9")
                    .hasMessageContaining("knows only up to 2")
                    .hasMessageContaining(dir.resolve("cachet.db").toString());
            assertThat(db.version("notes")).isEqualTo(9);
            assertThat(db.notices()).isEmpty();
        }
    }

    @Test void open_garbageFile_isMovedAside_withNotice_andAFreshDatabaseWorks() throws Exception {
        Path file = dir.resolve("cachet.db");
        Files.writeString(file, "this is not a database ".repeat(200));
        Files.writeString(dir.resolve("cachet.db-wal"), "stale wal");
        try (var db = Database.open(dir, clock)) {
            Path aside = dir.resolve("cachet.db.corrupt-20261121-081500");
            assertThat(aside).exists();
            assertThat(Files.readString(aside)).startsWith("this is not a database");
            assertThat(dir.resolve("cachet.db.corrupt-20261121-081500-wal")).exists();
            assertThat(db.notices()).singleElement().asString()
                    .contains("was unreadable").contains("cachet.db.corrupt-20261121-081500");
            db.migrate(NOTES);
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO notes(body) VALUES ('fresh')"));
            assertThat(count(db, "notes")).isEqualTo(1);
        }
    }

    @Test void open_truncatedFile_isMovedAside() throws Exception {
        try (var db = Database.open(dir, clock)) {
            db.migrate(NOTES);
            db.write(c -> {
                try (var ps = c.prepareStatement("INSERT INTO notes(body) VALUES (?)")) {
                    for (int i = 0; i < 2000; i++) {
                        ps.setString(1, "row " + i + " ".repeat(100));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        Path file = dir.resolve("cachet.db");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        try (var db = Database.open(dir, clock)) {
            assertThat(db.notices()).singleElement().asString().contains("moved it to cachet.db.corrupt-");
            db.migrate(NOTES);
            assertThat(count(db, "notes")).isZero();
        }
    }

    @Test void open_twiceInTheSameSecond_keepsBothCorruptCopies() throws Exception {
        Files.writeString(dir.resolve("cachet.db"), "garbage one ".repeat(100));
        Database.open(dir, clock).close();
        Files.delete(dir.resolve("cachet.db"));
        Files.writeString(dir.resolve("cachet.db"), "garbage two ".repeat(100));
        try (var db = Database.open(dir, clock)) {
            assertThat(dir.resolve("cachet.db.corrupt-20261121-081500")).exists();
            assertThat(dir.resolve("cachet.db.corrupt-20261121-081500-1")).exists();
        }
    }

    @Test void read_doesNotWaitForAnOpenWriteTransaction() throws Exception {
        try (var db = Database.open(dir, clock)) {
            db.migrate(NOTES);
            var inWrite = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            Thread writer = Thread.ofVirtual().start(() -> db.write(c -> {
                c.createStatement().executeUpdate("INSERT INTO notes(body) VALUES ('uncommitted')");
                inWrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            inWrite.await();
            assertThat(count(db, "notes")).isZero();
            release.countDown();
            writer.join();
            assertThat(count(db, "notes")).isEqualTo(1);
        }
    }
}
