package dev.cachet.engine.cache;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

class MemoryTierTest extends CacheTierContract {

    @Override protected CacheTier create(Path dir, FakeClock clock) { return new MemoryTier(1 << 20, clock); }

    @Test void put_beyondWeightBound_evicts() {
        var small = new MemoryTier(64 * 1024, clock);
        for (int i = 0; i < 100; i++) {
            small.put(entry("q" + i, "x".repeat(2_000), "simulator/sim-small", null, clock.instant(), Duration.ofHours(1)));
        }
        TierStats s = small.stats();
        assertThat(s.bytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(s.entries()).isLessThan(100);
    }
}
