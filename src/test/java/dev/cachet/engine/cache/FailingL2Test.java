package dev.cachet.engine.cache;

import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.DatabaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When L2 writes fail, entries keep being served from memory, wait for a retry, and stay bounded. */
class FailingL2Test {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();

    /** The real SQLite tier whose writes can be switched off, as a full disk would. */
    private static final class SwitchableTier implements L2Tier {
        final SqliteTier real;
        volatile boolean failing = true;
        SwitchableTier(SqliteTier real) { this.real = real; }
        private void check() { if (failing) throw new DatabaseException("disk full (simulated)"); }
        @Override public Optional<CacheEntry> get(CacheKey key) { return real.get(key); }
        @Override public void put(CacheEntry e) { check(); real.put(e); }
        @Override public void putAll(List<CacheEntry> es) { check(); real.putAll(es); }
        @Override public void recordHits(Map<CacheKey, HitRecord> h) { check(); real.recordHits(h); }
        @Override public void addCounters(Map<String, Long> d) { check(); real.addCounters(d); }
        @Override public Map<String, Long> counters() { return real.counters(); }
        @Override public long purgeExpired(Instant now) { check(); return real.purgeExpired(now); }
        @Override public HitRecord hitsOf(CacheKey key) { return real.hitsOf(key); }
        @Override public long invalidate(Namespace ns) { return real.invalidate(ns); }
        @Override public TierStats stats() { return real.stats(); }
    }

    @Test void failedFlush_keepsEntriesWaiting_andAFlushAfterRecoveryWritesThem() {
        try (var db = Database.open(dir, clock)) {
            var l2 = new SwitchableTier(new SqliteTier(db, clock, 1024));
            var settings = new CacheSettings(1 << 20, Map.of("chat", Duration.ofHours(1)), 1024, 500, Duration.ofHours(1));
            var cache = new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), l2, settings, clock, VirtualThreads.factory("t"));
            var e = entry("a", clock.instant());
            cache.put(e);
            assertThatThrownBy(cache::flush).hasMessageContaining("disk full");
            assertThat(cache.pendingWrites()).isEqualTo(1);
            assertThat(cache.lookup(e.key())).isInstanceOf(CacheLookup.Hit.class);

            l2.failing = false;
            cache.close();
            assertThat(l2.real.get(e.key())).contains(e);
        }
    }

    @Test void pendingWrites_areBounded_whileL2KeepsFailing() {
        try (var db = Database.open(dir, clock)) {
            var l2 = new SwitchableTier(new SqliteTier(db, clock, 1024));
            var settings = new CacheSettings(1 << 20, Map.of("chat", Duration.ofHours(1)), 1024, 1, Duration.ofHours(1));
            var cache = new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), l2, settings, clock, VirtualThreads.factory("t"));
            int n = cache.maxPending() + 25;
            for (int i = 0; i < n; i++) cache.put(entry("q" + i, clock.instant()));
            assertThat(cache.pendingWrites()).isLessThanOrEqualTo(cache.maxPending());
            assertThat(cache.droppedWrites()).isGreaterThanOrEqualTo(25);
            cache.invalidate(new Namespace.All()); // nothing left for close() to write row by row
            l2.failing = false;
            cache.close();
        }
    }
}
