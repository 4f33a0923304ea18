package dev.cachet.engine.cache;

import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk slower than the answers arriving must slow the producers down, never lose an answer the cache
 * acknowledged: the write-behind queue stays within its bound and every entry reaches SQLite.
 */
class SlowL2Test {

    @TempDir Path dir;

    @Test
    void producersFasterThanTheDisk_waitForIt_andEveryAnswerIsStored() throws Exception {
        InstantSource clock = InstantSource.system();
        int producers = 8;
        int perProducer = 4_000;
        try (var db = Database.open(dir, clock)) {
            var l2 = new ControlledL2Tier(new SqliteTier(db, clock, 1024));
            l2.writeDelay = Duration.ofMillis(40); // 500 rows per 40 ms at most: far slower than the producers
            var settings = new CacheSettings(64L << 20, Map.of("chat", Duration.ofDays(1)), 2048, 500, Duration.ofMillis(200));
            var cache = new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock), l2, settings, clock,
                    VirtualThreads.factory("write-behind"));
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < producers; p++) {
                    int producer = p;
                    pool.submit(() -> {
                        for (int i = 0; i < perProducer; i++) cache.put(entry("p" + producer + "-q" + i, clock.instant()));
                    });
                }
            }
            cache.close();

            assertThat(cache.droppedWrites()).isZero();
            assertThat(l2.real.stats().entries()).isEqualTo((long) producers * perProducer);
            // The queue filled up (the producers really were faster) and never went past its bound.
            assertThat(cache.peakPendingWrites()).isEqualTo(cache.maxPending());
        }
    }
}
