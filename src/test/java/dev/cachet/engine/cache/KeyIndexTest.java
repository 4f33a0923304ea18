package dev.cachet.engine.cache;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.cachet.engine.cache.CacheEntries.key;
import static org.assertj.core.api.Assertions.assertThat;

class KeyIndexTest {

    private final KeyIndex index = new KeyIndex();

    @Test void expiryOf_absent_isAbsent() {
        assertThat(index.expiryOf(key("nothing"), 0)).isEqualTo(KeyIndex.ABSENT);
    }

    @Test void add_thenExpiryOf_returnsTheExpiry_untilItPasses() {
        index.add(key("a"), 1_000);
        assertThat(index.expiryOf(key("a"), 999)).isEqualTo(1_000);
        assertThat(index.expiryOf(key("a"), 1_000)).isEqualTo(KeyIndex.ABSENT);
    }

    @Test void add_sameKey_replacesTheExpiry_withoutGrowing() {
        index.add(key("a"), 1_000);
        index.add(key("a"), 5_000);
        assertThat(index.expiryOf(key("a"), 2_000)).isEqualTo(5_000);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test void conditionalRemove_keepsANewerWriteOfTheSameKey() {
        index.add(key("a"), 1_000);
        index.add(key("a"), 2_000); // rewritten while a lookup that saw 1_000 was reading the table
        assertThat(index.remove(key("a"), 1_000)).isFalse();
        assertThat(index.expiryOf(key("a"), 0)).isEqualTo(2_000);
        assertThat(index.remove(key("a"), 2_000)).isTrue();
        assertThat(index.expiryOf(key("a"), 0)).isEqualTo(KeyIndex.ABSENT);
    }

    @Test void removeExpired_removesOnlyExpired_andKeepsProbeChainsIntact() {
        for (int i = 0; i < 5_000; i++) index.add(key("k" + i), i % 2 == 0 ? 100 : 10_000);
        assertThat(index.removeExpired(100)).isEqualTo(2_500);
        assertThat(index.consistent()).isTrue();
        for (int i = 0; i < 5_000; i++) {
            assertThat(index.expiryOf(key("k" + i), 0)).isEqualTo(i % 2 == 0 ? KeyIndex.ABSENT : 10_000);
        }
    }

    @Test void clear_forgetsEverything() {
        for (int i = 0; i < 3_000; i++) index.add(key("k" + i), 10_000);
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.expiryOf(key("k1"), 0)).isEqualTo(KeyIndex.ABSENT);
    }

    /** Random adds, removes and purges against a HashMap: same answers, same size, chains intact. */
    @Test void randomOperations_agreeWithAMap() {
        var reference = new HashMap<CacheKey, Long>();
        var rnd = new SplittableRandom(42);
        for (int step = 0; step < 50_000; step++) {
            CacheKey k = key("r" + rnd.nextInt(4_000));
            switch (rnd.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> {
                    long exp = 1 + rnd.nextInt(1_000);
                    index.add(k, exp);
                    reference.put(k, exp);
                }
                case 5, 6, 7 -> {
                    index.remove(k);
                    reference.remove(k);
                }
                case 8 -> {
                    Long exp = reference.get(k);
                    if (exp != null && index.remove(k, exp)) reference.remove(k);
                }
                default -> {
                    if (step % 500 == 0) {
                        long now = rnd.nextInt(300);
                        index.removeExpired(now);
                        reference.values().removeIf(e -> e <= now);
                    }
                }
            }
        }
        assertThat(index.consistent()).isTrue();
        assertThat(index.size()).isEqualTo(reference.size());
        for (int i = 0; i < 4_000; i++) {
            CacheKey k = key("r" + i);
            Long exp = reference.get(k);
            assertThat(index.expiryOf(k, 0)).as("key r%d", i).isEqualTo(exp == null ? KeyIndex.ABSENT : exp);
        }
    }

    @Test void presized_holdsManyKeys() {
        var big = new KeyIndex(100_000);
        Map<CacheKey, Long> added = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            big.add(key("b" + i), 1_000 + i);
            added.put(key("b" + i), 1_000L + i);
        }
        assertThat(big.size()).isEqualTo(100_000);
        added.forEach((k, v) -> assertThat(big.expiryOf(k, 0)).isEqualTo(v));
    }

    @Test void fingerprint_ofAllZeroPrefix_isNotTheEmptyMarker() {
        assertThat(KeyIndex.fingerprint(new CacheKey("0".repeat(64)))).isNotZero();
    }
}
