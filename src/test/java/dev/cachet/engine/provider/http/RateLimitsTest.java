package dev.cachet.engine.provider.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "6m0s, 360000",
            "1.5s, 1500",
            "20ms, 20",
            "1h2m3.5s, 3723500",
            "500us, 0",
            "0s, 0",
            "20, 20000",
            "2026-03-02T10:15:12Z, 12000",
            "2026-03-02T10:14:00Z, 0",
            "soon, null",
            "6m0, null",
            "m5, null"})
    void resetValues_goDurations_bareSeconds_andRfc3339(String value, Long millis) {
        Duration d = RateLimits.reset(value, NOW);
        if (millis == null) assertThat(d).isNull();
        else assertThat(d.toMillis()).isEqualTo(millis);
    }

    @Test
    void openAiHeaders_becomeBudgets_andTheWaitIsTheLongestExhaustedReset() {
        var limits = RateLimits.parse(Map.of(
                "x-ratelimit-limit-requests", List.of("5000"), "x-ratelimit-remaining-requests", List.of("0"),
                "x-ratelimit-reset-requests", List.of("20ms"),
                "x-ratelimit-limit-tokens", List.of("200000"), "x-ratelimit-remaining-tokens", List.of("0"),
                "x-ratelimit-reset-tokens", List.of("6m0s"),
                "content-type", List.of("application/json")), NOW);
        assertThat(limits.budgets()).extracting(RateLimits.Budget::name).containsExactlyInAnyOrder("requests", "tokens");
        assertThat(limits.waitForExhausted()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void anthropicHeaders_withNothingExhausted_giveNoWait() {
        var limits = RateLimits.parse(Map.of(
                "anthropic-ratelimit-output-tokens-limit", List.of("10000"),
                "anthropic-ratelimit-output-tokens-remaining", List.of("9100"),
                "anthropic-ratelimit-output-tokens-reset", List.of("2026-03-02T10:15:01Z")), NOW);
        assertThat(limits.budget("output-tokens")).hasValueSatisfying(b -> {
            assertThat(b.limit()).isEqualTo(10_000L);
            assertThat(b.remaining()).isEqualTo(9_100L);
            assertThat(b.resetIn()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(limits.waitForExhausted()).isNull();
        assertThat(RateLimits.parse(Map.of(), NOW).budgets()).isEmpty();
    }
}
