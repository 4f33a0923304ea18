package dev.cachet.engine.data;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.SideCalls;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;

/** The data route as the composition root sees it: the connected database, the result cache, the stage. */
public final class DataLayer implements AutoCloseable {

    private final DataSource source;
    private final ResultCache results;
    private final DataStage stage;
    private final AtomicBoolean started = new AtomicBoolean();

    public DataLayer(DataSettings settings, Duration resultTtl, Path dataDir, Environment environment, Database db,
                     InstantSource clock, SideCalls calls, PriceTable prices) {
        this.source = new DataSource(settings, dataDir, environment);
        this.results = new ResultCache(db, clock, resultTtl);
        this.stage = new DataStage(source, new SqlWriter(calls), new SqlCheck(), results, settings, prices);
    }

    /** Connects in the background (a remote database must not hold up the window); idempotent. */
    public void startBackgroundWork() {
        if (!started.compareAndSet(false, true)) return;
        VirtualThreads.factory("data-connect").newThread(source::connect).start();
    }

    /** Connects now, on the caller's thread (commands and tests that need the schema at once). */
    public void connectNow() { source.connect(); }

    public DataSource source() { return source; }
    public ResultCache results() { return results; }
    public DataStage stage() { return stage; }

    @Override public void close() { source.close(); }
}
