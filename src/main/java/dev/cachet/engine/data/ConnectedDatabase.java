package dev.cachet.engine.data;

import dev.cachet.engine.config.Environment;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A database the data route reads: every connection is opened read-only (SQLite in read-only open
 * mode; other drivers with {@link Connection#setReadOnly} inside a transaction that is always rolled
 * back, which PostgreSQL turns into {@code BEGIN READ ONLY}). Queries run with a row limit and a
 * timeout. A few connections are kept for reuse and checked before each use.
 */
public final class ConnectedDatabase implements AutoCloseable {

    private static final int POOL = 2;
    private static final int MAX_TABLES = 200;

    private final String url;
    private final String identity;
    private final Properties properties;
    private final boolean sqlite;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL);
    private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(POOL);
    private volatile DatabaseSchema schema = DatabaseSchema.EMPTY;
    private volatile boolean closed;

    private ConnectedDatabase(String url, Properties properties, String identity) {
        this.url = url;
        this.properties = properties;
        this.identity = identity;
        this.sqlite = url.startsWith("jdbc:sqlite:");
    }

    /**
     * Connects to {@code url} (a JDBC URL, or a SQLite file path) and reads its schema.
     *
     * @throws DataException when no driver takes the URL, the file is missing, or the login fails
     */
    public static ConnectedDatabase open(String url, String user, String passwordEnv, Environment env) throws DataException {
        String jdbc = url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + Path.of(url).toAbsolutePath();
        if (jdbc.startsWith("jdbc:sqlite:")) {
            String file = jdbc.substring("jdbc:sqlite:".length());
            int q = file.indexOf('?');
            if (q >= 0) file = file.substring(0, q);
            if (file.startsWith("file:")) file = file.substring(5);
            if (!file.isEmpty() && !file.equals(":memory:") && !Files.isRegularFile(Path.of(file))) {
                throw new DataException("data.url: no SQLite file at " + file, null);
            }
        }
        var props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (passwordEnv != null) {
            String password = env.get(passwordEnv).orElseThrow(() -> new DataException("data.passwordEnv: " + passwordEnv
                    + " is not set — export " + passwordEnv + "=<password> to connect", null));
            props.setProperty("password", password);
        }
        var db = new ConnectedDatabase(jdbc, props, identityOf(jdbc, user));
        db.refreshSchema();
        return db;
    }

    /** The URL without credentials (and the user): what result-cache keys and traces name. */
    public String identity() { return identity; }
    public DatabaseSchema schema() { return schema; }

    /** Reads the tables and columns again (after the database changed shape). */
    public DatabaseSchema refreshSchema() throws DataException {
        this.schema = withConnection(c -> introspect(c), Duration.ofSeconds(10));
        return schema;
    }

    /** Runs one SELECT already checked by {@link SqlCheck}, returning at most {@code rowLimit} rows. */
    public QueryResult query(String sql, int rowLimit, Duration timeout) throws DataException {
        return withConnection(c -> {
            long start = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.setMaxRows(rowLimit + 1);
                st.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
                // Not every driver stops a running query at its timeout (sqlite-jdbc's applies to locks only):
                // a watchdog cancels the statement, which interrupts it inside the database.
                var timedOut = new java.util.concurrent.atomic.AtomicBoolean();
                var watchdog = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    timedOut.set(true);
                    try {
                        st.cancel();
                    } catch (SQLException ignored) {
                        // the statement finished or closed meanwhile
                    }
                }, java.util.concurrent.CompletableFuture.delayedExecutor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    var columns = new ArrayList<String>();
                    for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
                    var rows = new ArrayList<List<String>>();
                    boolean truncated = false;
                    while (rs.next()) {
                        if (rows.size() == rowLimit) {
                            truncated = true;
                            break;
                        }
                        var row = new ArrayList<String>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) row.add(text(rs.getObject(i)));
                        rows.add(row);
                    }
                    return new QueryResult(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - start));
                } catch (SQLException e) {
                    if (timedOut.get()) throw new SQLException("the query ran longer than " + timeout.toMillis() + " ms and was stopped", e);
                    throw e;
                } finally {
                    watchdog.cancel(false);
                }
            }
        }, timeout);
    }

    private interface Work<T> { T run(Connection c) throws SQLException; }

    private <T> T withConnection(Work<T> work, Duration timeout) throws DataException {
        if (closed) throw new DataException("the database connection is closed", null);
        try {
            if (!permits.tryAcquire(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new DataException("all connections to " + identity + " are busy (waited " + timeout.toMillis() + " ms)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while waiting for a connection to " + identity, e);
        }
        Connection c = null;
        try {
            c = idle.poll();
            if (c != null && !c.isValid(2)) {
                closeQuietly(c);
                c = null;
            }
            if (c == null) c = connect();
            try {
                T result = work.run(c);
                if (!sqlite) c.rollback();
                return result;
            } catch (SQLException e) {
                if (!sqlite) {
                    try { c.rollback(); } catch (SQLException ignored) { /* the connection is dropped below */ }
                }
                throw e;
            }
        } catch (SQLException e) {
            if (c != null) {
                closeQuietly(c);
                c = null;
            }
            throw new DataException(message(e), e);
        } finally {
            if (c != null && (closed || !idle.offer(c))) closeQuietly(c);
            permits.release();
        }
    }

    private Connection connect() throws SQLException {
        if (sqlite) {
            var config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
            return config.createConnection(url);
        }
        Connection c = DriverManager.getConnection(url, properties);
        c.setReadOnly(true);
        c.setAutoCommit(false);
        return c;
    }

    private static DatabaseSchema introspect(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String product = md.getDatabaseProductName();
        String schemaName = null;
        try {
            schemaName = c.getSchema();
        } catch (SQLException | AbstractMethodError ignored) {
            // drivers without schemas (SQLite) list every table
        }
        var tables = new ArrayList<DatabaseSchema.Table>();
        try (ResultSet rs = md.getTables(c.getCatalog(), schemaName, "%", new String[] {"TABLE", "VIEW"})) {
            while (rs.next() && tables.size() < MAX_TABLES) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) continue;
                tables.add(new DatabaseSchema.Table(name, List.of()));
            }
        }
        var withColumns = new ArrayList<DatabaseSchema.Table>(tables.size());
        for (var t : tables) {
            var columns = new ArrayList<DatabaseSchema.Column>();
            try (ResultSet rs = md.getColumns(c.getCatalog(), schemaName, t.name(), "%")) {
                while (rs.next()) columns.add(new DatabaseSchema.Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME")));
            }
            withColumns.add(new DatabaseSchema.Table(t.name(), columns));
        }
        return new DatabaseSchema(product, withColumns);
    }

    private static String text(Object value) {
        if (value == null) return "";
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        if (value instanceof byte[] b) return "(" + b.length + " bytes)";
        return value.toString();
    }

    private String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return m.replace(url, identity);
    }

    /** jdbc:postgresql://host:5432/shop?password=... → jdbc:postgresql://host:5432/shop (+ user). */
    static String identityOf(String jdbc, String user) {
        int q = jdbc.indexOf('?');
        String base = q < 0 ? jdbc : jdbc.substring(0, q);
        base = base.replaceAll("//[^/@]*@", "//");
        return user == null ? base : base + " as " + user;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) closeQuietly(c);
    }
}
