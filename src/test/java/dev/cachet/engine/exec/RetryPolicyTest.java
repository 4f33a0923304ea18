package dev.cachet.engine.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5);

    @Test
    void backoff_doublesPerFailure_upToMaxDelay() {
        assertThat(policy.backoff(1, null, () -> 1.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, null, () -> 1.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, null, () -> 1.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(9, null, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void backoff_jitterTakesUpToHalfAway() {
        assertThat(policy.backoff(2, null, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, null, () -> 0.5)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void backoff_neverShorterThanRetryAfter() {
        assertThat(policy.backoff(1, Duration.ofSeconds(3), () -> 1.0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoff(3, Duration.ofMillis(10), () -> 1.0)).isEqualTo(Duration.ofMillis(400));
    }
}
