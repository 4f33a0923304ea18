package dev.cachet.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link MetricHistory} promises. */
abstract class MetricHistoryContractTest {

    protected abstract MetricHistory history();

    static MetricAggregate row(long start, long model, long exact) {
        return new MetricAggregate(Instant.ofEpochSecond(start), 10,
                Map.of("model", model, "exact", exact, "hit.exact", exact), 12.5, 40.25, 99.0, exact * 150, exact * 4.5e-5);
    }

    @Test
    void load_returnsRowsStartingInRange_oldestFirst() {
        var h = history();
        h.append(row(1_020, 1, 0));
        h.append(row(1_000, 3, 1));
        h.append(row(1_010, 2, 2));
        h.append(row(1_030, 9, 9));
        h.flush();

        assertThat(h.load(Instant.ofEpochSecond(1_000), Instant.ofEpochSecond(1_030)))
                .extracting(MetricAggregate::start)
                .containsExactly(Instant.ofEpochSecond(1_000), Instant.ofEpochSecond(1_010), Instant.ofEpochSecond(1_020));
    }

    @Test
    void append_keepsEveryFigure() {
        var h = history();
        h.append(row(2_000, 7, 3));
        h.flush();

        assertThat(h.load(Instant.EPOCH, Instant.ofEpochSecond(10_000))).containsExactly(row(2_000, 7, 3));
        assertThat(h.load(Instant.EPOCH, Instant.ofEpochSecond(10_000)).getFirst().requests()).isEqualTo(10);
    }

    @Test
    void load_ofAnEmptyRange_isEmpty() {
        var h = history();
        h.append(row(2_000, 7, 3));
        h.flush();
        assertThat(h.load(Instant.ofEpochSecond(2_001), Instant.ofEpochSecond(3_000))).isEmpty();
    }
}
