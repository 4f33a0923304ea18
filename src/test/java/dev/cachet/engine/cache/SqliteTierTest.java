package dev.cachet.engine.cache;

import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

class SqliteTierTest extends CacheTierContract {

    private Database db;

    @Override protected CacheTier create(Path dir, FakeClock clock) {
        db = Database.open(dir, clock);
        return new SqliteTier(db, clock, 1024);
    }

    @Override protected void closeTier() { db.close(); }

    @Test void put_largeValue_isStoredCompressed_andRoundTrips() {
        String text = "the same sentence again and again. ".repeat(500);
        var e = entry("big", text, "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        tier.put(e);
        var stored = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT compressed, length(value), raw_bytes FROM exact_cache")) {
                rs.next();
                return new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)};
            }
        });
        assertThat(stored[0]).isEqualTo(1);
        assertThat(stored[1]).isLessThan(stored[2] / 10);
        assertThat(tier.get(e.key()).orElseThrow().answer().text()).isEqualTo(text);
    }

    @Test void put_smallValue_isStoredRaw() {
        var e = entry("small", clock.instant());
        tier.put(e);
        long compressed = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT compressed FROM exact_cache")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(compressed).isZero();
    }

    @Test void purgeExpired_deletesOnlyExpiredRows() {
        var sqlite = (SqliteTier) tier;
        tier.put(entry("short", "a", "simulator/sim-small", null, clock.instant(), Duration.ofMinutes(1)));
        tier.put(entry("long", "b", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(sqlite.purgeExpired(clock.instant())).isEqualTo(1);
        assertThat(sqlite.stats().entries()).isEqualTo(1);
    }
}
