package dev.cachet.engine.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.DatabaseException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Metric history in the SQLite file. {@link #append} returns at once: the row is written by one
 * background virtual thread, so the request thread that closed a window never waits for the disk.
 * {@link #close()} waits for rows still queued.
 */
public final class MetricHistoryStore implements MetricHistory, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MetricHistoryStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };

    private final Database database;
    private final ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(VirtualThreads.factory("metric-history"));

    public MetricHistoryStore(Database database) {
        this.database = database;
        database.migrate(new MetricsSchema());
    }

    @Override
    public void append(MetricAggregate a) {
        try {
            writer.execute(() -> write(a));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.fine("metric history closed; dropped the window starting " + a.start());
        }
    }

    private void write(MetricAggregate a) {
        try {
            String counts = JSON.writeValueAsString(a.counts());
            database.write(c -> {
                try (var ps = c.prepareStatement("INSERT INTO metric_history(start_s, seconds, counts, p50_ms, p95_ms, p99_ms, "
                        + "tokens_saved, cost_saved_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, a.start().getEpochSecond());
                    ps.setInt(2, a.seconds());
                    ps.setString(3, counts);
                    ps.setDouble(4, a.p50Ms());
                    ps.setDouble(5, a.p95Ms());
                    ps.setDouble(6, a.p99Ms());
                    ps.setLong(7, a.tokensSaved());
                    ps.setDouble(8, a.costSavedUsd());
                    return ps.executeUpdate();
                }
            });
        } catch (JsonProcessingException | DatabaseException e) {
            LOG.log(Level.WARNING, "could not store the metric window starting " + a.start(), e);
        }
    }

    @Override
    public List<MetricAggregate> load(Instant from, Instant to) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("SELECT start_s, seconds, counts, p50_ms, p95_ms, p99_ms, tokens_saved, cost_saved_usd "
                    + "FROM metric_history WHERE start_s >= ? AND start_s < ? ORDER BY start_s, id")) {
                ps.setLong(1, from.getEpochSecond());
                ps.setLong(2, to.getEpochSecond());
                var out = new ArrayList<MetricAggregate>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Long> counts;
                        try {
                            counts = JSON.readValue(rs.getString(3), COUNTS);
                        } catch (JsonProcessingException e) {
                            LOG.warning("metric_history row at " + rs.getLong(1) + " has unreadable counts; skipped");
                            continue;
                        }
                        out.add(new MetricAggregate(Instant.ofEpochSecond(rs.getLong(1)), rs.getInt(2), counts,
                                rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getLong(7), rs.getDouble(8)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void flush() {
        try {
            writer.submit(() -> { }).get(); // one writer thread: FIFO, so every earlier row is written
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: close() already waited for the queue
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, then stops taking rows. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) LOG.warning("metric history still writing after 5 s; giving up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
