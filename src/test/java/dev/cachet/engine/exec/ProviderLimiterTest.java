package dev.cachet.engine.exec;

import dev.cachet.engine.provider.http.RateLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderLimiterTest {

    private final FakeTime time = new FakeTime();

    private ProviderLimiter limiter(double rps, int burst, long tpm, int concurrency, Duration maxWait) {
        return new ProviderLimiter(new ProviderLimiter.Settings(rps, burst, tpm, concurrency, maxWait), time, time);
    }

    private static ProviderLimiter.Admission.Admitted admitted(ProviderLimiter limiter, long tokens) throws InterruptedException {
        return (ProviderLimiter.Admission.Admitted) limiter.acquire(tokens, () -> false);
    }

    @Test
    void rate_burstPassesAtOnce_thenWaitsForRefill() throws Exception {
        var limiter = limiter(10, 3, 0, 64, Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) admitted(limiter, 1).permit().success(1, RateLimits.NONE);
        assertThat(admitted(limiter, 1).waited()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rate_refusesWhenTheWaitWouldExceedMaxWait_takingNothing() throws Exception {
        var limiter = limiter(1, 1, 0, 64, Duration.ofMillis(500));
        admitted(limiter, 1);
        assertThat(limiter.acquire(1, () -> false)).isInstanceOfSatisfying(ProviderLimiter.Admission.Refused.class,
                r -> assertThat(r.why()).contains("rate limit"));
        assertThat(time.slept()).isZero();
        assertThat(limiter.refused()).isEqualTo(1);
    }

    @Test
    void dropped_halvesRateAndConcurrency_successAddsBackSlowly() throws Exception {
        var limiter = limiter(20, 50, 0, 16, Duration.ofSeconds(5));
        admitted(limiter, 1).permit().dropped(null, RateLimits.NONE);
        assertThat(limiter.currentRate()).isEqualTo(10);
        assertThat(limiter.concurrencyLimit()).isEqualTo(8);
        time.advance(Duration.ofSeconds(1));
        admitted(limiter, 1).permit().success(1, RateLimits.NONE);
        assertThat(limiter.currentRate()).isEqualTo(11);
        for (int i = 0; i < 200; i++) {
            time.advance(Duration.ofMillis(100));
            admitted(limiter, 1).permit().success(1, RateLimits.NONE);
        }
        assertThat(limiter.currentRate()).isEqualTo(20);
        assertThat(limiter.concurrencyLimit()).isEqualTo(16);
    }

    @Test
    void retryAfter_holdsEveryRequestUntilThen() throws Exception {
        var limiter = limiter(0, 1, 0, 64, Duration.ofSeconds(30));
        admitted(limiter, 1).permit().dropped(Duration.ofSeconds(3), RateLimits.NONE);
        assertThat(limiter.pausedFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(admitted(limiter, 1).waited()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void exhaustedServerBudget_pausesForOneRequestsShareOfTheRefill_evenWithout429() throws Exception {
        var limiter = limiter(0, 1, 0, 64, Duration.ofSeconds(30));
        // 0 of 100 left, all back in 2 s: the next request may go in 20 ms
        var headers = new RateLimits(List.of(new RateLimits.Budget("requests", 100L, 0L, Duration.ofSeconds(2))));
        admitted(limiter, 1).permit().success(1, headers);
        assertThat(admitted(limiter, 1).waited()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void exhaustedBudgetWithoutALimit_pausesUntilItsReset() throws Exception {
        var limiter = limiter(0, 1, 0, 64, Duration.ofSeconds(30));
        var headers = new RateLimits(List.of(new RateLimits.Budget("requests", null, 0L, Duration.ofSeconds(2))));
        admitted(limiter, 1).permit().success(1, headers);
        assertThat(admitted(limiter, 1).waited()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void lowServerBudget_isSpreadOverTheTimeToItsReset() throws Exception {
        var limiter = limiter(0, 1, 0, 64, Duration.ofSeconds(30));
        // 1 of 10 left, all back in 2 s: one request every 200 ms (the refill rate), not all three now and then a 429
        var headers = new RateLimits(List.of(new RateLimits.Budget("requests", 10L, 1L, Duration.ofSeconds(2))));
        admitted(limiter, 1).permit().success(1, headers);
        assertThat(admitted(limiter, 1).waited()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void serverTokenBudget_holdsACallThatWouldNotFit() throws Exception {
        var limiter = limiter(0, 1, 0, 64, Duration.ofSeconds(30));
        var headers = new RateLimits(List.of(new RateLimits.Budget("tokens", 10_000L, 300L, Duration.ofSeconds(6))));
        admitted(limiter, 100).permit().success(100, headers);
        assertThat(admitted(limiter, 200).waited()).isZero();
        assertThat(admitted(limiter, 500).waited()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void tokensPerMinute_waitsForTheBudget_andSettlesWithTheRealUsage() throws Exception {
        var limiter = limiter(0, 1, 600, 64, Duration.ofMinutes(2)); // 10 tokens a second
        admitted(limiter, 500).permit().success(100, RateLimits.NONE); // estimated 500, used 100: 400 given back
        assertThat(admitted(limiter, 500).waited()).isZero();
        assertThat(admitted(limiter, 100).waited()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void concurrency_aSecondCallerWaitsForTheFirstsSlot() throws Exception {
        var limiter = limiter(0, 1, 0, 1, Duration.ofMillis(200));
        var first = admitted(limiter, 1).permit();
        assertThat(limiter.acquire(1, () -> false)).isInstanceOf(ProviderLimiter.Admission.Refused.class);
        first.success(1, RateLimits.NONE);
        assertThat(admitted(limiter, 1).waited()).isZero();
    }

    @Test
    void waiting_isCancellable() throws Exception {
        var limiter = limiter(0, 1, 0, 64, Duration.ofSeconds(30));
        admitted(limiter, 1).permit().dropped(Duration.ofSeconds(10), RateLimits.NONE);
        int[] checks = {0};
        var result = limiter.acquire(1, () -> ++checks[0] > 5);
        assertThat(result).isInstanceOf(ProviderLimiter.Admission.Cancelled.class);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void permit_onlyTheFirstReportCounts() throws Exception {
        var limiter = limiter(8, 2, 0, 64, Duration.ofSeconds(5));
        var permit = admitted(limiter, 1).permit();
        permit.dropped(null, RateLimits.NONE);
        permit.dropped(null, RateLimits.NONE);
        permit.success(1, RateLimits.NONE);
        assertThat(limiter.currentRate()).isEqualTo(4);
        assertThat(limiter.inFlight()).isZero();
    }
}
