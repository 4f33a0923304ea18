package dev.cachet.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ModelLatencyWindowTest {

    @Test void empty_hasNoMedian() {
        assertThat(new ModelLatencyWindow(5).medianNanos()).isEqualTo(-1);
    }

    /** After every call: the median of exactly the last N latencies, duplicates included. */
    @Test void median_isThatOfTheLastNCalls() {
        for (int capacity : new int[] {1, 2, 5, 101}) {
            var window = new ModelLatencyWindow(capacity);
            var last = new ArrayDeque<Long>();
            var rnd = new SplittableRandom(capacity);
            for (int i = 0; i < 2_000; i++) {
                long v = rnd.nextInt(50); // small range: many duplicates
                window.record(v);
                last.addLast(v);
                if (last.size() > capacity) last.removeFirst();
                long[] s = last.stream().mapToLong(Long::longValue).sorted().toArray();
                long expected = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
                assertThat(window.medianNanos()).as("capacity %d after %d calls %s", capacity, i + 1, Arrays.toString(s))
                        .isEqualTo(expected);
            }
        }
    }
}
