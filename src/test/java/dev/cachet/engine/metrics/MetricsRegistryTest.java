package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.provider.PriceTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.cachet.engine.metrics.MetricsSnapshot.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class MetricsRegistryTest {

    private static final ChatRequest REQUEST = ChatRequest.ofPrompt("hello");
    private static final Usage USAGE = new Usage(100, 50);

    private final FakeClock clock = new FakeClock(1_000);
    private final InMemoryMetricHistory history = new InMemoryMetricHistory(100);

    private MetricsRegistry registry(Duration retention) {
        return new MetricsRegistry(clock, new SavingsLedger(PriceTable.defaults()), HitLevel.DEFAULTS, retention, history);
    }

    private static void record(MetricsRegistry r, ChatResult result, int times) {
        for (int i = 0; i < times; i++) r.onFinished(REQUEST, result);
    }

    @Test
    void snapshot_countsRequestsPerSecondByOutcome() {
        var r = registry(Duration.ofMinutes(5));
        record(r, Results.model(100, USAGE), 3);
        record(r, Results.exact(1, USAGE), 1);
        clock.advanceSeconds(1);
        record(r, Results.failed(5), 2);
        record(r, Results.cancelled(), 1);
        clock.advanceSeconds(2);

        MetricsSnapshot s = r.snapshot(Duration.ofMinutes(1));

        assertThat(s.time()).containsExactly(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1001), Instant.ofEpochSecond(1002));
        assertThat(s.series(requestsOf(Outcome.MODEL_CALL)).values()).containsExactly(3, 0, 0);
        assertThat(s.series(requestsOf(Outcome.EXACT_HIT)).values()).containsExactly(1, 0, 0);
        assertThat(s.series(requestsOf(Outcome.ERROR)).values()).containsExactly(0, 2, 0);
        assertThat(s.series(requestsOf(Outcome.CANCELLED)).values()).containsExactly(0, 1, 0);
        assertThat(s.series(REQUESTS_TOTAL).values()).containsExactly(4, 3, 0);
        assertThat(s.requests(Outcome.MODEL_CALL)).isEqualTo(3);
        assertThat(s.requests(Outcome.ERROR)).isEqualTo(2);
    }

    @Test
    void snapshot_leavesTheOpenSecondOut() {
        var r = registry(Duration.ofMinutes(5));
        record(r, Results.model(100, USAGE), 3);

        assertThat(r.snapshot(Duration.ofMinutes(1)).time()).isEmpty();
        assertThat(r.requests().get(Outcome.MODEL_CALL)).isEqualTo(3);
    }

    @Test
    void hitRate_isHitsOfTheLevelOverAllRequestsOfThatSecond() {
        var r = registry(Duration.ofMinutes(5));
        record(r, Results.model(100, USAGE), 2);
        record(r, Results.exact(1, USAGE), 1);
        record(r, Results.semantic(20, USAGE), 1);
        clock.advanceSeconds(1);
        record(r, Results.exact(1, USAGE), 5);
        clock.advanceSeconds(1);

        var s = r.snapshot(Duration.ofMinutes(1));

        assertThat(s.series(hitRateOf("exact")).values()).containsExactly(0.25, 1.0);
        assertThat(s.series(hitRateOf("semantic")).values()).containsExactly(0.25, 0.0);
    }

    @Test
    void hitLevel_fromTraceDecision_isOneLineToAdd() {
        var levels = new ArrayList<>(HitLevel.DEFAULTS);
        levels.add(HitLevel.traceDecision("resolve", "resolve", "resolved"));
        var r = new MetricsRegistry(clock, new SavingsLedger(PriceTable.defaults()), levels, Duration.ofMinutes(1), history);
        record(r, Results.model(100, USAGE), 2);
        record(r, Results.failed(5), 2);
        clock.advanceSeconds(1);

        assertThat(r.snapshot(Duration.ofMinutes(1)).series(hitRateOf("resolve")).values()).containsExactly(0.5);
    }

    @Test
    void latencyPercentiles_perSecond() {
        var r = registry(Duration.ofMinutes(5));
        for (int ms = 1; ms <= 100; ms++) r.onFinished(REQUEST, Results.model(ms, USAGE));
        clock.advanceSeconds(1);
        record(r, Results.exact(2, USAGE), 10);
        clock.advanceSeconds(1);

        var s = r.snapshot(Duration.ofMinutes(1));

        assertThat(s.series(LATENCY_P50).get(0)).isCloseTo(50, withPercentage(2));
        assertThat(s.series(LATENCY_P95).get(0)).isCloseTo(95, withPercentage(2));
        assertThat(s.series(LATENCY_P50).get(1)).isCloseTo(2, withPercentage(2));
        assertThat(s.series(LATENCY_P95).get(1)).isCloseTo(2, withPercentage(2));
    }

    @Test
    void ring_wrapsAroundKeepingTheNewestSeconds() {
        var r = registry(Duration.ofSeconds(5));
        for (int sec = 0; sec < 8; sec++) {
            record(r, Results.model(10, USAGE), sec + 1);
            clock.advanceSeconds(1);
        }

        var s = r.snapshot(Duration.ofHours(1));

        assertThat(s.time()).hasSize(5);
        assertThat(s.time().getFirst()).isEqualTo(Instant.ofEpochSecond(1003));
        assertThat(s.series(requestsOf(Outcome.MODEL_CALL)).values()).containsExactly(4, 5, 6, 7, 8);
        assertThat(s.series(CUMULATIVE_MODEL_CALLS).values()).containsExactly(10, 15, 21, 28, 36);
    }

    @Test
    void ring_idleLongerThanRetention_showsOnlyEmptySeconds() {
        var r = registry(Duration.ofSeconds(5));
        record(r, Results.model(10, USAGE), 4);
        clock.advanceSeconds(1_000);

        var s = r.snapshot(Duration.ofSeconds(3));

        assertThat(s.time()).containsExactly(Instant.ofEpochSecond(1997), Instant.ofEpochSecond(1998), Instant.ofEpochSecond(1999));
        assertThat(s.series(REQUESTS_TOTAL).values()).containsExactly(0, 0, 0);
        assertThat(s.series(CUMULATIVE_MODEL_CALLS).values()).containsExactly(4, 4, 4);
    }

    @Test
    void cumulativeSavings_followThePriceTable() {
        var r = registry(Duration.ofMinutes(5));
        record(r, Results.model(400, USAGE), 1);
        record(r, Results.exact(2, USAGE), 2);
        clock.advanceSeconds(1);
        record(r, Results.semantic(30, new Usage(1_000, 1_000)), 1);
        clock.advanceSeconds(1);

        var s = r.snapshot(Duration.ofMinutes(1));

        double exactCost = (100 * 0.15 + 50 * 0.60) / 1e6;
        double semanticCost = (1_000 * 0.15 + 1_000 * 0.60) / 1e6;
        assertThat(s.series(SAVED_TOKENS).values()).containsExactly(300, 2_000);
        assertThat(s.series(CUMULATIVE_TOKENS_SAVED).values()).containsExactly(300, 2_300);
        assertThat(s.series(CUMULATIVE_COST_SAVED).get(1)).isCloseTo(2 * exactCost + semanticCost, within(1e-12));
        assertThat(s.series(CUMULATIVE_MODEL_CALLS).values()).containsExactly(1, 1);
        assertThat(s.savings().total().modelCallsAvoided()).isEqualTo(3);
    }

    @Test
    void latencies_perStageEndToEndAndTimeToFirstToken() {
        var r = registry(Duration.ofMinutes(5));
        record(r, Results.model(400, USAGE), 3);
        record(r, Results.exact(2, USAGE), 1);

        LatencyReport l = r.latencies();

        assertThat(l.endToEnd().count()).isEqualTo(4);
        assertThat(l.endToEnd().maxMs()).isCloseTo(400, withPercentage(1));
        assertThat(l.timeToFirstToken().p50Ms()).isCloseTo(100, withPercentage(1));
        assertThat(l.stages()).containsKeys("resolve", "generate", "exact");
        assertThat(l.stages().get("generate").count()).isEqualTo(3);
        assertThat(l.stages().get("exact").p50Ms()).isCloseTo(2, withPercentage(1));
        record(r, Results.exact(2, USAGE), 1);
        assertThat(r.latencies().endToEnd().count()).isEqualTo(5);
    }

    @Test
    void history_getsOneAggregatePerTenSecondsWithTraffic() {
        var r = registry(Duration.ofMinutes(5));
        for (int sec = 0; sec < 25; sec++) {
            record(r, Results.model(10, USAGE), 1);
            if (sec % 2 == 0) record(r, Results.exact(1, USAGE), 1);
            clock.advanceSeconds(1);
        }
        r.snapshot(Duration.ofSeconds(1));
        List<MetricAggregate> rows = history.load(Instant.EPOCH, Instant.ofEpochSecond(5_000));
        assertThat(rows).extracting(MetricAggregate::start)
                .containsExactly(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1010));
        assertThat(rows.getFirst().count("model")).isEqualTo(10);
        assertThat(rows.getFirst().count("exact")).isEqualTo(5);
        assertThat(rows.getFirst().count("hit.exact")).isEqualTo(5);
        assertThat(rows.getFirst().tokensSaved()).isEqualTo(5 * 150);

        r.close();
        assertThat(history.load(Instant.EPOCH, Instant.ofEpochSecond(5_000))).hasSize(3)
                .last().extracting(MetricAggregate::requests).isEqualTo(5L + 3);
    }

    @Test
    void unknownSeriesName_failsNamingTheKnownOnes() {
        var r = registry(Duration.ofMinutes(1));
        assertThatThrownBy(() -> r.snapshot(Duration.ofMinutes(1)).series("hitrate.exact"))
                .hasMessageContaining("hitrate.exact").hasMessageContaining("hitRate.exact");
    }

    @Test
    void outcome_existsForEveryAnswerSource() {
        for (AnswerSource s : AnswerSource.values()) assertThat(Outcome.of(s)).isNotNull();
    }

    @Test
    void concurrentWriters_loseNoCountWhileSecondsRollOver() throws Exception {
        var r = registry(Duration.ofHours(1));
        var stop = new AtomicBoolean();
        int writers = 64;
        int perWriter = 2_000;
        // At most half the window of ticks: on a loaded machine the writers can outlast an hour of
        // fake seconds, and the early ones would then fall out of the snapshot below.
        int maxTicks = 1_800;
        Thread ticker = Thread.ofVirtual().start(() -> {
            for (int tick = 0; !stop.get(); tick++) {
                if (tick < maxTicks) clock.advanceSeconds(1);
                r.snapshot(Duration.ofSeconds(10));
                Thread.yield();
            }
        });
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                pool.submit(() -> record(r, Results.exact(1, USAGE), perWriter));
            }
        }
        stop.set(true);
        ticker.join();
        clock.advanceSeconds(1);

        var s = r.snapshot(Duration.ofHours(1));
        double sum = 0;
        for (double v : s.series(REQUESTS_TOTAL).values()) sum += v;
        assertThat(sum).isEqualTo(writers * perWriter);
        assertThat(s.series(CUMULATIVE_TOKENS_SAVED).last()).isEqualTo(writers * perWriter * 150.0);
    }
}
