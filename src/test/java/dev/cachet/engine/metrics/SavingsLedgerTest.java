package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.provider.PriceTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SavingsLedgerTest {

    private final PriceTable prices = new PriceTable(Map.of("simulator/*", new PriceTable.Price(2.0, 8.0)));

    @Test
    void cacheHit_savesTheOriginalUsageAtThatModelsPrice() {
        var ledger = new SavingsLedger(prices);
        var saving = ledger.record(Results.exact(2, new Usage(1_000, 500))).orElseThrow();

        assertThat(saving.stage()).isEqualTo("exact");
        assertThat(saving.model()).isEqualTo(Results.SIM);
        assertThat(saving.tokens()).isEqualTo(1_500);
        assertThat(saving.costUsd()).isCloseTo((1_000 * 2.0 + 500 * 8.0) / 1e6, within(1e-12));
        assertThat(saving.latencySaved()).as("no model call seen yet").isZero();
    }

    @Test
    void latencySaved_isMedianModelLatencyMinusActual() {
        var ledger = new SavingsLedger(prices, 3);
        ledger.record(Results.model(100, new Usage(1, 1)));
        ledger.record(Results.model(900, new Usage(1, 1)));
        ledger.record(Results.model(300, new Usage(1, 1)));
        assertThat(ledger.medianModelLatency(Results.SIM)).contains(Duration.ofMillis(300));

        assertThat(ledger.record(Results.exact(2, Usage.NONE)).orElseThrow().latencySaved()).isEqualTo(Duration.ofMillis(298));
        assertThat(ledger.record(Results.semantic(500, Usage.NONE)).orElseThrow().latencySaved())
                .as("a slow hit never saves negative time").isZero();
    }

    @Test
    void latencyWindow_rollsOverOldModelCalls() {
        var ledger = new SavingsLedger(prices, 2);
        ledger.record(Results.model(1_000, Usage.NONE));
        ledger.record(Results.model(100, Usage.NONE));
        ledger.record(Results.model(300, Usage.NONE));
        assertThat(ledger.medianModelLatency(Results.SIM)).contains(Duration.ofMillis(200));
        assertThat(ledger.medianModelLatency(new ModelRef("openai", "gpt-4o"))).isEmpty();
    }

    @Test
    void totals_splitByAnsweringStage() {
        var ledger = new SavingsLedger(prices);
        ledger.record(Results.model(400, new Usage(10, 10)));
        ledger.record(Results.exact(10, new Usage(10, 10)));
        ledger.record(Results.exact(10, new Usage(10, 10)));
        ledger.record(Results.semantic(100, new Usage(100, 0)));
        ledger.record(Results.failed(3));
        ledger.record(Results.cancelled());

        SavingsTotals t = ledger.totals();

        assertThat(t.stage("exact").modelCallsAvoided()).isEqualTo(2);
        assertThat(t.stage("exact").tokensSaved()).isEqualTo(40);
        assertThat(t.stage("exact").latencySaved()).isEqualTo(Duration.ofMillis(780));
        assertThat(t.stage("semantic").tokensSaved()).isEqualTo(100);
        assertThat(t.stage("semantic").costSavedUsd()).isCloseTo(100 * 2.0 / 1e6, within(1e-12));
        assertThat(t.total().modelCallsAvoided()).isEqualTo(3);
        assertThat(t.total().tokensSaved()).isEqualTo(140);
        assertThat(t.total().latencySaved()).isEqualTo(Duration.ofMillis(1_080));
        assertThat(t.stage("generate")).isEqualTo(StageSavings.NONE);
    }
}
