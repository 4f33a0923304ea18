package dev.cachet.engine.cache;

import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

class ExactCacheTest {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();
    private Database db;
    private SqliteTier l2;
    private ExactCache cache;

    /** Write-behind batch of 3; the timer is an hour, so only a full batch or flush()/close() writes. */
    private ExactCache open() {
        db = Database.open(dir, clock);
        l2 = new SqliteTier(db, clock, 1024);
        var settings = new CacheSettings(1 << 20, Map.of("chat", Duration.ofHours(1)), 1024, 3, Duration.ofHours(1));
        cache = new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), l2, settings, clock, VirtualThreads.factory("test-flush"));
        return cache;
    }

    private void closeAll() {
        cache.close();
        db.close();
    }

    @AfterEach void tearDown() {
        if (cache != null) closeAll();
    }

    private long rowsInL2() {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM exact_cache")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test void close_thenReopen_servesFromL2_andPromotesToL1() {
        open();
        var e = entry("q1", clock.instant());
        cache.put(e);
        closeAll();

        open();
        var first = cache.lookup(e.key());
        var second = cache.lookup(e.key());
        assertThat(first).isEqualTo(new CacheLookup.Hit(e, "l2"));
        assertThat(second).isEqualTo(new CacheLookup.Hit(e, "l1"));
    }

    @Test void put_fewerThanABatch_waits_thenAFullBatchIsWrittenByTheFlusher() throws InterruptedException {
        open();
        cache.put(entry("a", clock.instant()));
        cache.put(entry("b", clock.instant()));
        assertThat(rowsInL2()).isZero();
        assertThat(cache.pendingWrites()).isEqualTo(2);

        cache.put(entry("c", clock.instant()));
        // The flusher thread wakes on the third entry; wait for its commit (bounded, not timed).
        for (int i = 0; i < 500 && rowsInL2() < 3; i++) Thread.sleep(10);
        assertThat(rowsInL2()).isEqualTo(3);
        assertThat(cache.pendingWrites()).isZero();
    }

    @Test void pendingEntries_areServed_andCountAsL1() {
        open();
        var e = entry("a", clock.instant());
        cache.put(e);
        assertThat(cache.lookup(e.key())).isEqualTo(new CacheLookup.Hit(e, "l1"));
    }

    @Test void invalidate_removesEntriesNotYetFlushed() {
        open();
        cache.put(entry("a", "x", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1)));
        cache.flush();
        cache.put(entry("b", "y", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1)));
        cache.put(entry("c", "z", "simulator/sim-large", null, clock.instant(), Duration.ofHours(1)));
        assertThat(cache.pendingWrites()).isEqualTo(2);

        assertThat(cache.invalidate(Namespace.parse("model:simulator/sim-small"))).isEqualTo(2);
        cache.flush();
        assertThat(rowsInL2()).isEqualTo(1);
        assertThat(cache.lookup(CacheEntries.key("b"))).isInstanceOf(CacheLookup.Miss.class);
        assertThat(cache.lookup(CacheEntries.key("c"))).isInstanceOf(CacheLookup.Hit.class);
    }

    @Test void expiredEntries_areNeverServed_fromEitherTier_andArePurged() {
        open();
        var e = entry("a", clock.instant());
        cache.put(e);
        cache.flush();
        clock.advance(Duration.ofHours(1));
        assertThat(cache.lookup(e.key())).isInstanceOf(CacheLookup.Miss.class);
        closeAll();

        open();
        assertThat(cache.lookup(e.key())).isInstanceOf(CacheLookup.Miss.class);
        assertThat(cache.purgeExpired()).isEqualTo(1);
        assertThat(rowsInL2()).isZero();
    }

    @Test void ttl_comesFromTheChatCategory() {
        open();
        var fields = CacheKeyFieldsTest.fields();
        var answered = new dev.cachet.engine.chat.ChatResult.Answered("hi", dev.cachet.engine.chat.AnswerSource.MODEL,
                new dev.cachet.engine.chat.ModelRef("simulator", "sim-small"), new dev.cachet.engine.chat.Usage(3, 4),
                dev.cachet.engine.chat.FinishReason.STOP, new dev.cachet.engine.trace.Trace(clock.instant()));
        var stored = cache.put(fields, answered);
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(stored.modelNamespace()).isEqualTo("simulator/sim-small");
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.lookup(fields.key())).isInstanceOf(CacheLookup.Hit.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.lookup(fields.key())).isInstanceOf(CacheLookup.Miss.class);
    }

    @Test void hits_areCountedPerEntry_andSurviveRestart() {
        open();
        var e = entry("a", clock.instant());
        cache.put(e);
        cache.lookup(e.key());
        clock.advance(Duration.ofMinutes(1));
        cache.lookup(e.key());
        cache.lookup(CacheEntries.key("absent"));
        closeAll();

        open();
        var hits = cache.hitsOf(e.key());
        assertThat(hits.count()).isEqualTo(2);
        assertThat(hits.lastHit()).isEqualTo(clock.instant());
        CacheStats stats = cache.cacheStats();
        assertThat(stats.l1().hits()).isEqualTo(2);
        assertThat(stats.l1().misses()).isEqualTo(1);
        assertThat(stats.l2().misses()).isEqualTo(1);
        assertThat(stats.l2().entries()).isEqualTo(1);
    }

    /**
     * Every entry put is found while the flusher moves entries from the waiting list to L2 and a
     * tiny L1 evicts them: between the two, a lookup sees the entry waiting or in L2's key index.
     */
    @Test void lookupsDuringWriteBehind_findEveryEntry_evenWhenL1EvictsIt() throws Exception {
        db = Database.open(dir, clock);
        l2 = new SqliteTier(db, clock, 1024);
        var settings = new CacheSettings(1024, Map.of("chat", Duration.ofHours(1)), 1024, 7, Duration.ofMillis(1));
        cache = new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), l2, settings, clock, VirtualThreads.factory("test-flush"));
        int n = 3_000;
        var written = new java.util.concurrent.atomic.AtomicInteger();
        var missed = new java.util.concurrent.atomic.AtomicInteger();
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> {
            while (written.get() < n) {
                int upTo = written.get(); // keys 0 .. upTo-1 are put
                for (int j = Math.max(0, upTo - 20); j < upTo; j++) {
                    lookups.incrementAndGet();
                    if (!(cache.lookup(CacheEntries.key("w" + j)) instanceof CacheLookup.Hit)) missed.incrementAndGet();
                }
            }
        });
        for (int i = 0; i < n; i++) {
            cache.put(entry("w" + i, clock.instant()));
            written.set(i + 1);
            for (int j = Math.max(0, i - 20); j <= i; j++) {
                if (!(cache.lookup(CacheEntries.key("w" + j)) instanceof CacheLookup.Hit)) missed.incrementAndGet();
            }
        }
        reader.join();
        assertThat(missed).hasValue(0);
        cache.flush();
        assertThat(rowsInL2()).isEqualTo(n);
        for (int i = 0; i < n; i++) assertThat(cache.lookup(CacheEntries.key("w" + i))).isInstanceOf(CacheLookup.Hit.class);
    }
}
