package dev.cachet.engine.cache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static dev.cachet.engine.cache.CacheEntries.key;
import static org.assertj.core.api.Assertions.assertThat;

/** What every exact-cache tier promises. Each implementation extends this class. */
abstract class CacheTierContract {

    @TempDir Path dir;
    protected final FakeClock clock = new FakeClock();
    protected CacheTier tier;

    /** A fresh, empty tier over {@code dir}, on {@code clock}. */
    protected abstract CacheTier create(Path dir, FakeClock clock);

    protected void closeTier() { }

    @BeforeEach void open() { tier = create(dir, clock); }

    @AfterEach void close() { closeTier(); }

    @Test void get_absent_isEmpty() {
        assertThat(tier.get(key("nothing"))).isEmpty();
    }

    @Test void get_afterPut_returnsTheSameEntry() {
        var e = entry("q1", clock.instant());
        tier.put(e);
        assertThat(tier.get(e.key())).contains(e);
    }

    @Test void put_sameKey_replaces() {
        tier.put(entry("q1", "old", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1)));
        var newer = entry("q1", "new", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        tier.put(newer);
        assertThat(tier.get(newer.key())).contains(newer);
    }

    @Test void get_roundTripsLargeAndUnicodeText() {
        String text = "Grüße, 世界 — ünïcödé ✓ ".repeat(2_000);
        var e = entry("big", text, "simulator/sim-small", "faq", clock.instant(), Duration.ofHours(1));
        tier.put(e);
        assertThat(tier.get(e.key())).contains(e);
    }

    @Test void get_afterExpiry_isEmpty() {
        var e = entry("q1", "a", "simulator/sim-small", null, clock.instant(), Duration.ofMinutes(5));
        tier.put(e);
        clock.advance(Duration.ofMinutes(4));
        assertThat(tier.get(e.key())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tier.get(e.key())).isEmpty();
    }

    @Test void invalidate_model_removesOnlyThatModel() {
        var small = entry("a", "x", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        var large = entry("b", "y", "simulator/sim-large", null, clock.instant(), Duration.ofHours(1));
        tier.put(small);
        tier.put(large);
        assertThat(tier.invalidate(new Namespace.Model("simulator/sim-small"))).isEqualTo(1);
        assertThat(tier.get(small.key())).isEmpty();
        assertThat(tier.get(large.key())).contains(large);
    }

    @Test void invalidate_template_removesOnlyThatTemplate() {
        var faq = entry("a", "x", "simulator/sim-small", "faq", clock.instant(), Duration.ofHours(1));
        var raw = entry("b", "y", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        var other = entry("c", "z", "simulator/sim-small", "summary", clock.instant(), Duration.ofHours(1));
        tier.put(faq);
        tier.put(raw);
        tier.put(other);
        assertThat(tier.invalidate(new Namespace.Template("faq"))).isEqualTo(1);
        assertThat(tier.get(faq.key())).isEmpty();
        assertThat(tier.get(raw.key())).contains(raw);
        assertThat(tier.get(other.key())).contains(other);
    }

    @Test void invalidate_all_removesEverything() {
        for (int i = 0; i < 5; i++) tier.put(entry("q" + i, clock.instant()));
        assertThat(tier.invalidate(new Namespace.All())).isEqualTo(5);
        for (int i = 0; i < 5; i++) assertThat(tier.get(key("q" + i))).isEmpty();
        assertThat(tier.stats().entries()).isZero();
    }

    @Test void stats_countEntriesHitsAndMisses() {
        var e = entry("q1", clock.instant());
        tier.put(e);
        tier.get(e.key());
        tier.get(e.key());
        tier.get(key("absent"));
        TierStats s = tier.stats();
        assertThat(s.entries()).isEqualTo(1);
        assertThat(s.bytes()).isPositive();
        assertThat(s.hits()).isEqualTo(2);
        assertThat(s.misses()).isEqualTo(1);
    }
}
