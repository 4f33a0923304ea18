package dev.cachet.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite file ({@code cachet.db}) in the data dir. WAL mode: one writer connection behind a
 * lock, plus a few reader connections, so reads never wait for a write-behind flush. Each part of
 * Cachet owns its tables through a {@link SchemaModule} and calls {@link #migrate} when it starts.
 *
 * <p>A file that is not a database, is truncated, fails {@code quick_check} or has an unreadable
 * schema table is moved aside with a timestamp (with its -wal and -shm) and a fresh file is started;
 * {@link #notices()} says so. A schema <em>newer</em> than this code knows is refused instead
 * ({@link #migrate} throws): that file belongs to a newer Cachet and must not be destroyed.
 */
public final class Database implements AutoCloseable {

    public static final String FILE_NAME = "cachet.db";
    private static final int READERS = 4;
    /** How long a write waits for another process's transaction before it fails (and the write-behind retries). */
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private volatile boolean closed;
    private volatile long slowDiskNanos;
    private volatile AtRest atRest = AtRest.NONE;

    private Database(Path file, InstantSource clock) throws SQLException, IOException {
        this.file = file;
        if (Files.exists(file)) {
            String problem = check(file);
            if (problem != null) notices.add(setAside(file, problem, clock));
            else if (Files.size(file) == 0) notices.add(file + " was empty (0 bytes: nothing was in it); started a fresh database in it");
        }
        this.writer = connect(file, false);
        try {
            try (Statement s = writer.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            }
            probeWrite(writer);
            for (int i = 0; i < READERS; i++) {
                Connection c = connect(file, true);
                allReaders.add(c);
                readers.add(c);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens (creating the dir and file if needed) {@code dataDir/cachet.db}; never fails on a corrupt file.
     * Fails, with one line that names the path and what to do, when the dir cannot be made or written or
     * the file cannot be written (read-only file, read-only file system): detected here, not at the first
     * write-behind flush.
     */
    public static Database open(Path dataDir, InstantSource clock) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new DatabaseException("data directory " + dataDir + " is a file, not a directory: move the file away" + ANOTHER_DIR);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw new DatabaseException("cannot create data directory " + dataDir + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): check the path and its permissions" + ANOTHER_DIR, e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new DatabaseException("data directory " + dataDir + " is not writable: make it writable" + ANOTHER_DIR);
        }
        Path file = dataDir.resolve(FILE_NAME);
        List<Path> sideFiles = List.of(Path.of(file + "-wal"), Path.of(file + "-shm"));
        List<Path> existedBefore = sideFiles.stream().filter(Files::exists).toList();
        try {
            return new Database(file, clock);
        } catch (IOException e) {
            throw new DatabaseException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            if (readOnly(e)) {
                // Opening made an empty log and its index next to the file: take back what was not there.
                for (Path side : sideFiles) {
                    try {
                        if (!existedBefore.contains(side) && (side.toString().endsWith("-shm") || Files.size(side) == 0)) {
                            Files.deleteIfExists(side);
                        }
                    } catch (IOException ignored) { /* left behind: harmless, SQLite reuses it */ }
                }
                throw new DatabaseException(file + " is read-only: make the file writable" + ANOTHER_DIR + "; nothing was changed", e);
            }
            throw new DatabaseException("cannot open " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static final String ANOTHER_DIR = ", or start Cachet with --data-dir DIR to use another folder";

    /**
     * Writes one row and rolls it back: SQLite opens a file it may not write read-only without a word and
     * says so only at the first write (in WAL mode not even at BEGIN IMMEDIATE).
     */
    private static void probeWrite(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT OR REPLACE INTO schema_version(module, version) VALUES ('write-probe', 0)");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static boolean readOnly(SQLException e) {
        return e instanceof org.sqlite.SQLiteException s && s.getResultCode().name().startsWith("SQLITE_READONLY")
                || String.valueOf(e.getMessage()).contains("SQLITE_READONLY");
    }

    /** Brings a module's tables to the newest version this code knows, in one transaction. */
    public void migrate(SchemaModule module) {
        List<String> steps = module.migrations();
        write(c -> {
            int current = version(c, module.name());
            if (current > steps.size()) {
                throw new DatabaseException(file + ": schema '" + module.name() + "' is at version " + current
                        + " but this Cachet knows only up to " + steps.size() + " (the file was written by a newer Cachet);"
                        + " run that version, or use another --data-dir. Nothing was changed.");
            }
            for (int v = current; v < steps.size(); v++) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(steps.get(v));
                } catch (SQLException e) {
                    throw new SQLException("migration " + module.name() + " " + v + "->" + (v + 1) + " failed: " + e.getMessage(), e);
                }
            }
            if (current < steps.size()) {
                try (var ps = c.prepareStatement("INSERT INTO schema_version(module, version) VALUES (?, ?) "
                        + "ON CONFLICT(module) DO UPDATE SET version = excluded.version")) {
                    ps.setString(1, module.name());
                    ps.setInt(2, steps.size());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The version a module's tables are at (0 = not created yet). */
    public int version(String module) {
        return read(c -> version(c, module));
    }

    private static int version(Connection c, String module) throws SQLException {
        try (var ps = c.prepareStatement("SELECT version FROM schema_version WHERE module = ?")) {
            ps.setString(1, module);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Runs {@code work} in one transaction on the writer connection; rolls back if it throws. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                if (slowDiskNanos > 0) java.util.concurrent.locks.LockSupport.parkNanos(slowDiskNanos);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(file + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a reader connection: it sees the last committed state and never waits for the writer. */
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a connection to " + file, e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(file + ": " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    public Path file() { return file; }

    /** How values are sealed in this file (see {@link AtRestKeys}); {@link AtRest#NONE} unless a key was found. */
    public AtRest atRest() { return atRest; }

    public void atRest(AtRest a) { this.atRest = a; }

    /**
     * Makes every write transaction take {@code perTransaction} longer, as on a slow or busy disk (a slow
     * fsync): the fault suite's way to show that a disk slower than the answers loses none of them.
     */
    public void simulateSlowDisk(java.time.Duration perTransaction) { slowDiskNanos = perTransaction.toNanos(); }

    /** Bytes on disk: the file plus its write-ahead log. */
    public long sizeBytes() {
        long size = 0;
        for (Path p : List.of(file, Path.of(file + "-wal"))) {
            try {
                if (Files.exists(p)) size += Files.size(p);
            } catch (IOException ignored) { /* counted as 0 */ }
        }
        return size;
    }

    /** What happened at open that a person should know (a corrupt file set aside). */
    public List<String> notices() { return List.copyOf(notices); }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            closeQuietly();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly() {
        for (Connection c : allReaders) {
            try { c.close(); } catch (SQLException ignored) { /* closing anyway */ }
        }
        try {
            if (writer != null) {
                // Fold the WAL back into the main file so a copied cachet.db is complete on its own.
                try (Statement s = writer.createStatement()) { s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); }
                writer.close();
            }
        } catch (SQLException ignored) { /* closing anyway */ }
    }

    private void ensureOpen() {
        if (closed) throw new DatabaseException(file + " is closed");
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        // IMMEDIATE: a write transaction takes the write lock at BEGIN, where busy_timeout waits for another
        // process holding it; a deferred one that read first fails with SQLITE_BUSY when it tries to write.
        var props = new java.util.Properties();
        if (!readOnly) props.setProperty("transaction_mode", "IMMEDIATE");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, props);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            if (!readOnly) s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
            if (readOnly) s.execute("PRAGMA query_only = ON");
        }
        return c;
    }

    /** Null when the file is usable, else what is wrong with it. */
    private static String check(Path file) {
        // Read the header ourselves first: opening garbage with SQLite could touch its -wal.
        try (var in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(16);
            if (header.length > 0 && !java.util.Arrays.equals(header, "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return "not an SQLite database (bad header)";
            }
        } catch (IOException e) {
            return "cannot read: " + e.getMessage();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("PRAGMA quick_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(first)) {
                    // One line for the notice: the first problem SQLite names, and how many more there are.
                    var lines = first.lines().filter(l -> !l.startsWith("***")).toList();
                    int more = lines.size() - 1;
                    while (rs.next()) more++;
                    return "quick_check: " + (lines.isEmpty() ? first.strip() : lines.getFirst().strip())
                            + (more > 0 ? " (and " + more + " more problems)" : "");
                }
            }
            boolean hasVersions;
            try (var rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                hasVersions = rs.next() && rs.getInt(1) == 1;
            }
            if (hasVersions) {
                try (var rs = s.executeQuery("SELECT module, version FROM schema_version")) {
                    while (rs.next()) {
                        if (rs.getString(1) == null) return "schema_version has a row without a module";
                        rs.getInt(2);
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String setAside(Path file, String problem, InstantSource clock) {
        String stamp = STAMP.format(clock.instant());
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        for (int n = 1; Files.exists(target); n++) {
            target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n);
        }
        try {
            Files.move(file, target);
            // Named so that opening the copy with sqlite3 picks up its own WAL.
            for (String suffix : List.of("-wal", "-shm")) {
                Path side = Path.of(file + suffix);
                if (Files.exists(side)) Files.move(side, Path.of(target + suffix));
            }
        } catch (IOException e) {
            throw new DatabaseException(file + " is unreadable (" + problem + ") and could not be moved aside: " + e, e);
        }
        return file + " was unreadable (" + problem + "); moved it to " + target.getFileName() + " and started a fresh database";
    }
}
