package dev.cachet.engine.cache;

import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static dev.cachet.engine.cache.CacheEntries.key;
import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite tier's key index stays consistent with its table through every change. */
class SqliteTierIndexTest {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();
    private Database db;
    private SqliteTier tier;

    @BeforeEach void open() {
        db = Database.open(dir, clock);
        tier = new SqliteTier(db, clock, 1024);
    }

    @AfterEach void close() { db.close(); }

    private long rows() {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM exact_cache")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test void put_isIndexed_absentIsNot() {
        var e = entry("q1", clock.instant());
        tier.putAll(List.of(e, entry("q2", clock.instant())));
        assertThat(tier.indexHolds(e.key())).isTrue();
        assertThat(tier.indexHolds(key("never stored"))).isFalse();
        assertThat(tier.indexedKeys()).isEqualTo(2);
    }

    @Test void definiteMiss_doesNotReadTheDatabase() {
        tier.put(entry("q1", clock.instant()));
        db.close(); // any read would now throw "is closed"
        assertThat(tier.get(key("never stored"))).isEmpty();
    }

    @Test void reopen_loadsTheIndexFromTheTable_withoutExpiredRows() {
        tier.put(entry("short", "a", "simulator/sim-small", null, clock.instant(), Duration.ofMinutes(1)));
        var kept = entry("long", "b", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        tier.put(kept);
        db.close();
        clock.advance(Duration.ofMinutes(2));

        db = Database.open(dir, clock);
        tier = new SqliteTier(db, clock, 1024);
        assertThat(tier.indexedKeys()).isEqualTo(1);
        assertThat(tier.get(kept.key())).contains(kept);
        assertThat(tier.get(key("short"))).isEmpty();
    }

    @Test void invalidateModel_andTemplate_removeExactlyTheDeletedKeys() {
        var small = entry("a", "x", "simulator/sim-small", "faq", clock.instant(), Duration.ofHours(1));
        var large = entry("b", "y", "simulator/sim-large", null, clock.instant(), Duration.ofHours(1));
        var other = entry("c", "z", "simulator/sim-large", "summary", clock.instant(), Duration.ofHours(1));
        tier.putAll(List.of(small, large, other));

        assertThat(tier.invalidate(new Namespace.Model("simulator/sim-small"))).isEqualTo(1);
        assertThat(tier.indexHolds(small.key())).isFalse();
        assertThat(tier.invalidate(new Namespace.Template("summary"))).isEqualTo(1);
        assertThat(tier.indexHolds(other.key())).isFalse();
        assertThat(tier.indexHolds(large.key())).isTrue();
        assertThat(tier.indexedKeys()).isEqualTo(1).isEqualTo((int) rows());
    }

    @Test void invalidateAll_emptiesTheIndex() {
        for (int i = 0; i < 10; i++) tier.put(entry("q" + i, clock.instant()));
        tier.invalidate(new Namespace.All());
        assertThat(tier.indexedKeys()).isZero();
    }

    @Test void expiry_hidesTheKey_andPurgeRemovesIt() {
        var e = entry("q1", "a", "simulator/sim-small", null, clock.instant(), Duration.ofMinutes(5));
        tier.put(e);
        clock.advance(Duration.ofMinutes(5));
        assertThat(tier.indexHolds(e.key())).isFalse();
        assertThat(tier.get(e.key())).isEmpty();
        assertThat(tier.purgeExpired(clock.instant())).isEqualTo(1);
        assertThat(tier.indexedKeys()).isZero();
    }

    @Test void replacingAnEntry_extendsItsIndexedExpiry() {
        tier.put(entry("q1", "old", "simulator/sim-small", null, clock.instant(), Duration.ofMinutes(5)));
        var newer = entry("q1", "new", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        tier.put(newer);
        clock.advance(Duration.ofMinutes(10));
        assertThat(tier.get(newer.key())).contains(newer);
    }

    /** Another process (here: a plain statement) deleted the row: the lookup finds nothing and forgets the key. */
    @Test void rowDeletedBehindTheIndex_isAMiss_andTheKeyIsForgotten() {
        var e = entry("q1", clock.instant());
        tier.put(e);
        db.write(c -> {
            try (var s = c.createStatement()) { return s.executeUpdate("DELETE FROM exact_cache"); }
        });
        assertThat(tier.get(e.key())).isEmpty();
        assertThat(tier.indexHolds(e.key())).isFalse();
    }

    /** Another process stored a row after this one opened: not seen until reopen (costs a model call, never a wrong answer). */
    @Test void rowAddedBehindTheIndex_isSeenAfterReopen() {
        var other = new SqliteTier(db, clock, 1024); // a second view of the same file, like a second process
        var e = entry("q1", clock.instant());
        other.put(e);
        assertThat(tier.get(e.key())).isEmpty();
        db.close();
        db = Database.open(dir, clock);
        tier = new SqliteTier(db, clock, 1024);
        assertThat(tier.get(e.key())).contains(e);
    }
}
