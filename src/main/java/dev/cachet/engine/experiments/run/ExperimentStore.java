package dev.cachet.engine.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Experiment runs in the shared SQLite file: a run with its whole definition, and every finished cell,
 * written the moment it finishes (its own transaction), so a killed run loses nothing it finished.
 */
public final class ExperimentStore {

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<AssertionResult>> RESULTS = new TypeReference<>() { };

    private final Database db;
    private final InstantSource clock;

    public ExperimentStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(new ExperimentSchema());
    }

    public InstantSource clock() { return clock; }

    /** A new run, RUNNING; its id. */
    public long create(ExperimentDefinition d) {
        String json = toJson(d);
        long now = clock.millis();
        return db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO experiment_runs(experiment_id, source, definition, status, total_cells, "
                    + "created_ms, updated_ms, heartbeat_ms) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, d.id());
                ps.setString(2, d.source());
                ps.setString(3, json);
                ps.setInt(4, d.totalCells());
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.setLong(7, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Writes one finished cell (replacing an earlier error of the same cell). */
    public void save(CellRecord r) {
        String assertions = toJson(r.assertions());
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT OR REPLACE INTO experiment_cells(run_id, arm, case_index, rep, status, output, score, "
                    + "reason, latency_ms, ttft_ms, tokens_in, tokens_out, cost_usd, source, finish, assertions, trace, finished_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, r.runId());
                ps.setInt(2, r.arm());
                ps.setInt(3, r.caseIndex());
                ps.setInt(4, r.rep());
                ps.setString(5, r.status().name());
                ps.setString(6, r.output());
                ps.setDouble(7, r.score());
                ps.setString(8, r.reason());
                ps.setDouble(9, r.latencyMs());
                if (r.ttftMs() == null) ps.setNull(10, java.sql.Types.REAL); else ps.setDouble(10, r.ttftMs());
                ps.setInt(11, r.tokensIn());
                ps.setInt(12, r.tokensOut());
                ps.setDouble(13, r.costUsd());
                ps.setString(14, r.source());
                ps.setString(15, r.finish());
                ps.setString(16, assertions);
                ps.setString(17, r.trace());
                ps.setLong(18, r.finishedMs());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void status(long runId, RunRecord.Status status, String note) {
        long now = clock.millis();
        db.write(c -> {
            try (var ps = c.prepareStatement("UPDATE experiment_runs SET status = ?, note = ?, updated_ms = ?, heartbeat_ms = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, note);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setLong(5, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The run is alive: an owner that stops calling this is taken for killed after {@link RunRecord#STALE}. */
    public void heartbeat(long runId) {
        long now = clock.millis();
        db.write(c -> {
            try (var ps = c.prepareStatement("UPDATE experiment_runs SET heartbeat_ms = ? WHERE id = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<RunRecord> run(long id) {
        List<RunRecord> l = runs("WHERE r.id = ?", ps -> ps.setLong(1, id));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    /** Every run, newest first. */
    public List<RunRecord> runs() { return runs("", ps -> { }); }

    /** The runs of one experiment, newest first. */
    public List<RunRecord> runs(String experimentId) { return runs("WHERE r.experiment_id = ?", ps -> ps.setString(1, experimentId)); }

    public ExperimentDefinition definition(long runId) {
        String json = db.read(c -> {
            try (var ps = c.prepareStatement("SELECT definition FROM experiment_runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalArgumentException("no experiment run " + runId);
                    return rs.getString(1);
                }
            }
        });
        try {
            return JSON.readValue(json, ExperimentDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + runId + ": its stored definition does not read: " + e.getOriginalMessage(), e);
        }
    }

    /** The run's finished cells, in arm, case, repetition order. */
    public List<CellRecord> cells(long runId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT run_id, arm, case_index, rep, status, output, score, reason, latency_ms, ttft_ms, "
                    + "tokens_in, tokens_out, cost_usd, source, finish, assertions, trace, finished_ms FROM experiment_cells "
                    + "WHERE run_id = ? ORDER BY arm, case_index, rep")) {
                ps.setLong(1, runId);
                var out = new ArrayList<CellRecord>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(cell(rs));
                }
                return out;
            }
        });
    }

    private CellRecord cell(ResultSet rs) throws SQLException {
        double ttft = rs.getDouble(10);
        Double ttftMs = rs.wasNull() ? null : ttft;
        List<AssertionResult> results;
        try {
            results = JSON.readValue(rs.getString(16), RESULTS);
        } catch (JsonProcessingException e) {
            results = List.of();
        }
        return new CellRecord(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), CellRecord.Status.valueOf(rs.getString(5)),
                rs.getString(6), rs.getDouble(7), rs.getString(8), rs.getDouble(9), ttftMs, rs.getInt(11), rs.getInt(12),
                rs.getDouble(13), rs.getString(14), rs.getString(15), results, rs.getString(17), rs.getLong(18));
    }

    @FunctionalInterface
    private interface Binder { void bind(PreparedStatement ps) throws SQLException; }

    private List<RunRecord> runs(String where, Binder binder) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT r.id, r.experiment_id, r.source, r.status, r.total_cells, r.created_ms, r.updated_ms, "
                    + "r.heartbeat_ms, r.note, count(x.status), sum(x.status = 'PASSED'), sum(x.status = 'FAILED'), sum(x.status = 'ERROR') "
                    + "FROM experiment_runs r LEFT JOIN experiment_cells x ON x.run_id = r.id " + where
                    + " GROUP BY r.id ORDER BY r.id DESC")) {
                binder.bind(ps);
                var out = new ArrayList<RunRecord>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunRecord(rs.getLong(1), rs.getString(2), rs.getString(3), RunRecord.Status.valueOf(rs.getString(4)),
                                rs.getInt(5), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), Instant.ofEpochMilli(rs.getLong(6)),
                                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9)));
                    }
                }
                return out;
            }
        });
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
