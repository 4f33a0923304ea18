package dev.cachet.engine.exec;

import dev.cachet.engine.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The provider health history in the SQLite file: probes and breaker changes, kept {@link #KEEP}. */
public final class HealthHistory {

    /** How long rows are kept; older ones are deleted as new ones arrive. */
    public static final Duration KEEP = Duration.ofDays(30);

    private final Database db;

    public HealthHistory(Database db) {
        this.db = db;
        db.migrate(new HealthSchema());
    }

    public void add(List<HealthRecord> records) {
        if (records.isEmpty()) return;
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO provider_health(provider, at_ms, kind, ok, latency_ms, breaker, detail) VALUES (?,?,?,?,?,?,?)")) {
                for (HealthRecord r : records) {
                    ps.setString(1, r.provider());
                    ps.setLong(2, r.at().toEpochMilli());
                    ps.setString(3, r.kind());
                    ps.setInt(4, r.ok() ? 1 : 0);
                    if (r.latency() == null) ps.setNull(5, java.sql.Types.REAL); else ps.setDouble(5, r.latency().toNanos() / 1e6);
                    ps.setString(6, r.breaker().name());
                    ps.setString(7, r.detail());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (var ps = c.prepareStatement("DELETE FROM provider_health WHERE at_ms < ?")) {
                ps.setLong(1, records.getLast().at().minus(KEEP).toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A provider's records since {@code from}, oldest first. */
    public List<HealthRecord> since(String provider, Instant from) {
        return db.read(c -> {
            var out = new ArrayList<HealthRecord>();
            try (var ps = c.prepareStatement("SELECT at_ms, kind, ok, latency_ms, breaker, detail FROM provider_health "
                    + "WHERE provider = ? AND at_ms >= ? ORDER BY at_ms")) {
                ps.setString(1, provider);
                ps.setLong(2, from.toEpochMilli());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double ms = rs.getDouble(4);
                        Duration latency = rs.wasNull() ? null : Duration.ofNanos((long) (ms * 1e6));
                        out.add(new HealthRecord(provider, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getInt(3) == 1,
                                latency, CircuitBreaker.State.valueOf(rs.getString(5)), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }
}
