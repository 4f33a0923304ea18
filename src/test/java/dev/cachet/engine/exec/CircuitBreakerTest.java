package dev.cachet.engine.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final FakeTime time = new FakeTime();
    private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(3, Duration.ofSeconds(30)), time);

    @Test
    void opensAfterConsecutiveFailures_only() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryPass()).isFalse();
        assertThat(breaker.coolDownLeft()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void afterCoolDown_letsOneProbeThrough_andClosesOnItsSuccess() {
        open();
        time.advance(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryPass()).isTrue();
        assertThat(breaker.tryPass()).as("a second probe while the first runs").isFalse();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryPass()).isTrue();
    }

    @Test
    void failedProbe_reopensForAnotherCoolDown() {
        open();
        time.advance(Duration.ofSeconds(31));
        assertThat(breaker.tryPass()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        time.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryPass()).isFalse();
    }

    @Test
    void neutralProbe_freesTheProbeSlot_withoutClosing() {
        open();
        time.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryPass()).isTrue();
        breaker.onNeutral();
        assertThat(breaker.tryPass()).isTrue();
    }

    private void open() {
        for (int i = 0; i < 3; i++) breaker.onFailure();
    }
}
