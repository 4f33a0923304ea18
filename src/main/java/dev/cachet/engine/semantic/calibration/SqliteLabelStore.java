package dev.cachet.engine.semantic.calibration;

import dev.cachet.engine.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Labels, lookup counts and judge verdicts in the shared cachet.db; the database is the caller's to close. */
public final class SqliteLabelStore implements LabelStore {

    private final Database db;
    private final InstantSource clock;

    public SqliteLabelStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(new CalibrationSchema());
    }

    @Override public void addLabel(Label l) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO semantic_label "
                    + "(namespace, entry_id, score, agree, source, created_ms) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, l.namespace());
                ps.setLong(2, l.entryId());
                ps.setDouble(3, l.score());
                ps.setInt(4, l.agree() ? 1 : 0);
                ps.setString(5, l.source().name());
                ps.setLong(6, l.at().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override public List<Label> labels(String namespace) {
        return db.read(c -> {
            var out = new ArrayList<Label>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, score, agree, source, created_ms FROM semantic_label "
                    + "WHERE namespace = ? ORDER BY id")) {
                ps.setString(1, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Label(namespace, rs.getLong(1), rs.getDouble(2), rs.getInt(3) == 1, source(rs.getString(4)),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            return out;
        });
    }

    @Override public void saveLookups(String namespace, long[] perBin) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM semantic_lookups WHERE namespace = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO semantic_lookups (namespace, bin, lookups) VALUES (?,?,?)")) {
                del.setString(1, namespace);
                del.executeUpdate();
                for (int b = 0; b < perBin.length; b++) {
                    if (perBin[b] == 0) continue;
                    ins.setString(1, namespace);
                    ins.setInt(2, b);
                    ins.setLong(3, perBin[b]);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return null;
        });
    }

    @Override public long[] lookups(String namespace) {
        return db.read(c -> {
            long[] out = new long[ScoreBins.SAVED_COUNTS];
            try (PreparedStatement ps = c.prepareStatement("SELECT bin, lookups FROM semantic_lookups WHERE namespace = ?")) {
                ps.setString(1, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int b = rs.getInt(1);
                        if (b >= 0 && b < out.length) out[b] = rs.getLong(2);
                    }
                }
            }
            return out;
        });
    }

    @Override public int clear(String namespace) {
        return db.write(c -> {
            try (PreparedStatement labels = c.prepareStatement("DELETE FROM semantic_label WHERE namespace = ?");
                 PreparedStatement lookups = c.prepareStatement("DELETE FROM semantic_lookups WHERE namespace = ?")) {
                labels.setString(1, namespace);
                lookups.setString(1, namespace);
                lookups.executeUpdate();
                return labels.executeUpdate();
            }
        });
    }

    @Override public Optional<Boolean> judgeVerdict(String pairKey) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT same FROM semantic_judge_verdict WHERE pair_key = ?")) {
                ps.setString(1, pairKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1) == 1) : Optional.<Boolean>empty();
                }
            }
        });
    }

    @Override public void putJudgeVerdict(String pairKey, boolean same, String model) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO semantic_judge_verdict "
                    + "(pair_key, same, model, created_ms) VALUES (?,?,?,?)")) {
                ps.setString(1, pairKey);
                ps.setInt(2, same ? 1 : 0);
                ps.setString(3, model);
                ps.setLong(4, clock.instant().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** The database is the caller's to close. */
    @Override public void close() { }

    private static Label.Source source(String name) {
        try {
            return Label.Source.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Label.Source.ANSWERS_COMPARED;  // a source a newer Cachet wrote: still a label
        }
    }
}
