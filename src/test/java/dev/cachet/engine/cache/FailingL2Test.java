package dev.cachet.engine.cache;

import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When L2 writes fail, entries keep being served from memory, wait for a retry, and stay bounded. */
class FailingL2Test {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();

    private ControlledL2Tier failingTier(Database db) {
        var tier = new ControlledL2Tier(new SqliteTier(db, clock, 1024));
        tier.failing = true;
        return tier;
    }

    @Test void failedFlush_keepsEntriesWaiting_andAFlushAfterRecoveryWritesThem() {
        try (var db = Database.open(dir, clock)) {
            var l2 = failingTier(db);
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

    private ExactCache cacheOver(ControlledL2Tier l2, Duration flushEvery) {
        var settings = new CacheSettings(64L << 20, Map.of("chat", Duration.ofHours(1)), 1024, 500, flushEvery);
        return new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), l2, settings, clock, VirtualThreads.factory("t"));
    }

    @Test void aBriefFailure_makesProducersWaitForRoom_andLosesNothing() throws Exception {
        try (var db = Database.open(dir, clock)) {
            var l2 = failingTier(db);
            var cache = cacheOver(l2, Duration.ofMillis(20));
            int n = cache.maxPending() + 25;
            Thread producer = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < n; i++) cache.put(entry("q" + i, clock.instant()));
            });
            // The queue fills up and the producer waits (the clock stands still: L2 has not failed for long).
            while (cache.pendingWrites() < cache.maxPending()) Thread.sleep(5);
            producer.join(200);
            assertThat(producer.isAlive()).as("producer waits for room").isTrue();
            assertThat(cache.droppedWrites()).isZero();

            l2.failing = false;
            producer.join();
            cache.close();
            assertThat(cache.droppedWrites()).isZero();
            assertThat(l2.real.stats().entries()).isEqualTo(n);
        }
    }

    @Test void afterL2HasFailedForLong_theOldestWaitingWritesAreGivenUp_andCounted() {
        try (var db = Database.open(dir, clock)) {
            var l2 = failingTier(db);
            var cache = cacheOver(l2, Duration.ofHours(1));
            cache.put(entry("first", clock.instant()));
            assertThatThrownBy(cache::flush).hasMessageContaining("disk full");
            clock.advance(ExactCache.GIVE_UP_AFTER);

            int more = cache.maxPending() + 25;
            for (int i = 0; i < more; i++) cache.put(entry("q" + i, clock.instant()));

            assertThat(cache.pendingWrites()).isEqualTo(cache.maxPending());
            assertThat(cache.droppedWrites()).isEqualTo(1 + more - cache.maxPending());
            assertThat(cache.lookup(entry("first", clock.instant()).key())).as("still served from L1").isInstanceOf(CacheLookup.Hit.class);

            l2.failing = false;
            cache.close();
            assertThat(l2.real.stats().entries()).isEqualTo(cache.maxPending());
            assertThat(cache.cacheStats().droppedWrites()).as("persisted with the counters").isEqualTo(cache.droppedWrites());
        }
    }

    @Test void answersThatCannotBeStoredAtClose_areCounted_notThrown() {
        try (var db = Database.open(dir, clock)) {
            var l2 = failingTier(db);
            var cache = cacheOver(l2, Duration.ofHours(1));
            for (int i = 0; i < 3; i++) cache.put(entry("q" + i, clock.instant()));
            cache.close();
            assertThat(cache.droppedWrites()).isEqualTo(3);
            assertThat(cache.pendingWrites()).isZero();
        }
    }
}
