package dev.cachet.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryMetricHistoryTest extends MetricHistoryContractTest {

    @Override protected MetricHistory history() { return new InMemoryMetricHistory(100); }

    @Test
    void dropsTheOldestRowsBeyondItsCapacity() {
        var h = new InMemoryMetricHistory(2);
        h.append(row(1_000, 1, 0));
        h.append(row(1_010, 1, 0));
        h.append(row(1_020, 1, 0));
        assertThat(h.load(Instant.EPOCH, Instant.ofEpochSecond(5_000))).extracting(MetricAggregate::start)
                .containsExactly(Instant.ofEpochSecond(1_010), Instant.ofEpochSecond(1_020));
    }
}
