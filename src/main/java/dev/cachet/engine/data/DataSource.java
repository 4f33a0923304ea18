package dev.cachet.engine.data;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.routing.text.SchemaVocabulary;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database the data route is connected to (or why none is): {@code data.url} resolved — the sample
 * database built on first use, a SQLite file, or a JDBC URL — connected off the start-up path, with
 * the schema's words ready for the router.
 */
public final class DataSource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DataSource.class.getName());

    private final DataSettings settings;
    private final Path dataDir;
    private final Environment environment;
    private volatile ConnectedDatabase database;
    private volatile SchemaVocabulary vocabulary = SchemaVocabulary.EMPTY;
    private volatile String status;
    private boolean closed;

    public DataSource(DataSettings settings, Path dataDir, Environment environment) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.environment = environment;
        this.status = settings.connected() ? "not connected yet" : "data.url is none";
    }

    /** Connects (building the sample database if that is the source); a failure is kept as the status. */
    public synchronized void connect() {
        if (closed || !settings.connected() || database != null) return;
        try {
            String url = settings.url().equals(DataSettings.SAMPLE) ? SampleDatabase.ensure(dataDir).toString() : settings.url();
            ConnectedDatabase db = ConnectedDatabase.open(url, settings.user(), settings.passwordEnv(), environment);
            this.vocabulary = SchemaVocabulary.of(db.schema().columnsByTable());
            this.database = db;
            this.status = "connected to " + db.identity() + " (" + db.schema().tables().size() + " tables)";
        } catch (DataException e) {
            String was = status;
            this.status = "cannot connect: " + e.getMessage();
            // A configuration problem (a variable not set, a server down): one line, once; the trace only at FINE.
            if (!status.equals(was)) LOG.warning("data route: " + status);
            LOG.log(Level.FINE, "data route: cannot connect", e);
        }
    }

    public Optional<ConnectedDatabase> database() { return Optional.ofNullable(database); }

    /** The connected schema's words (empty until connected, or when none is). */
    public SchemaVocabulary vocabulary() { return vocabulary; }

    public String status() { return status; }
    public DataSettings settings() { return settings; }

    /** Waits for a connection under way, then closes it. */
    @Override
    public synchronized void close() {
        closed = true;
        ConnectedDatabase db = database;
        if (db != null) db.close();
    }
}
