package dev.cachet.engine.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketLimiterTest {

    private final FakeTime time = new FakeTime();

    private TokenBucketLimiter limiter(double rps, int burst, Duration maxWait) {
        return new TokenBucketLimiter(new TokenBucketLimiter.Settings(rps, burst, maxWait), time, time);
    }

    @Test
    void acquire_burstPassesAtOnce_thenWaitsForRefill() throws Exception {
        var limiter = limiter(10, 3, Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) assertThat(admitted(limiter).waited()).isZero();
        assertThat(admitted(limiter).waited()).isEqualTo(Duration.ofMillis(100));
        assertThat(time.slept()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void acquire_refusesWhenTheWaitWouldExceedMaxWait() throws Exception {
        var limiter = limiter(1, 1, Duration.ofMillis(500));
        admitted(limiter);
        var refusal = limiter.acquire();
        assertThat(refusal).isInstanceOfSatisfying(TokenBucketLimiter.Admission.Refused.class,
                r -> assertThat(r.wouldWait()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(time.slept()).isZero();
    }

    @Test
    void dropped_halvesTheRate_andSuccessAddsItBackSlowly() throws Exception {
        var limiter = limiter(20, 5, Duration.ofSeconds(5));
        admitted(limiter).permit().dropped();
        assertThat(limiter.currentRate()).isEqualTo(10);
        admitted(limiter).permit().dropped();
        assertThat(limiter.currentRate()).isEqualTo(5);
        admitted(limiter).permit().success();
        assertThat(limiter.currentRate()).isEqualTo(6);
        for (int i = 0; i < 30; i++) admitted(limiter).permit().success();
        assertThat(limiter.currentRate()).isEqualTo(20);
    }

    @Test
    void dropped_emptiesTheBucket_soTheNextCallWaits() throws Exception {
        var limiter = limiter(10, 5, Duration.ofSeconds(5));
        admitted(limiter).permit().dropped();
        assertThat(admitted(limiter).waited()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void permit_onlyTheFirstReportCounts() throws Exception {
        var limiter = limiter(8, 2, Duration.ofSeconds(5));
        var permit = admitted(limiter).permit();
        permit.dropped();
        permit.dropped();
        permit.success();
        assertThat(limiter.currentRate()).isEqualTo(4);
    }

    @Test
    void unlimited_neverWaits() throws Exception {
        var limiter = new TokenBucketLimiter(TokenBucketLimiter.Settings.UNLIMITED, time, time);
        for (int i = 0; i < 1000; i++) admitted(limiter).permit().dropped();
        assertThat(time.slept()).isZero();
        assertThat(limiter.currentRate()).isZero();
    }

    private static TokenBucketLimiter.Admission.Admitted admitted(TokenBucketLimiter limiter) throws InterruptedException {
        return (TokenBucketLimiter.Admission.Admitted) limiter.acquire();
    }
}
