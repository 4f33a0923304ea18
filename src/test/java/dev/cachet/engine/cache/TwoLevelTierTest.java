package dev.cachet.engine.cache;

import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The two-level cache passes the same contract as each of its tiers. */
class TwoLevelTierTest extends CacheTierContract {

    private Database db;
    private ExactCache cache;

    @Override protected CacheTier create(Path dir, FakeClock clock) {
        db = Database.open(dir, clock);
        var settings = new CacheSettings(1 << 20, Map.of("chat", Duration.ofHours(1)), 1024, 3, Duration.ofHours(1));
        cache = new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), new SqliteTier(db, clock, 1024), settings, clock,
                VirtualThreads.factory("test-flush"));
        return cache;
    }

    @Override protected void closeTier() {
        cache.close();
        db.close();
    }
}
