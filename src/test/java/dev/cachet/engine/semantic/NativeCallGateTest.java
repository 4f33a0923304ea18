package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class NativeCallGateTest {

    @Test
    void closeAndAwait_waitsForTheCallInside_andRefusesNewOnes() throws Exception {
        var gate = new NativeCallGate();
        assertThat(gate.enter()).isTrue();
        var closeStarted = new CountDownLatch(1);
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
            closeStarted.countDown();
            return gate.closeAndAwait(Duration.ofMinutes(1));
        });
        closeStarted.await();
        while (!gate.closing()) Thread.onSpinWait();

        assertThat(gate.enter()).as("a new call while closing").isFalse();
        assertThat(closed).as("close returned while a call was inside").isNotDone();

        gate.exit();
        assertThat(closed.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(gate.inside()).isZero();
    }

    @Test
    void workHandedOnByACallerInside_isAwaitedToo() throws Exception {
        var gate = new NativeCallGate();
        assertThat(gate.enter()).isTrue();
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> gate.closeAndAwait(Duration.ofMinutes(1)));
        while (!gate.closing()) Thread.onSpinWait();
        gate.enterOnBehalfOfCaller(); // the caller's task, submitted to a pool
        gate.exit();                  // the caller gives up (a sibling task failed)
        assertThat(closed).isNotDone();
        gate.exit();                  // the task finishes
        assertThat(closed.get(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void closeAndAwait_givesUpAfterItsBound_andSaysSo() {
        var gate = new NativeCallGate();
        gate.enter();
        assertThat(gate.closeAndAwait(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void anInterruptDoesNotCutTheWaitShort() throws Exception {
        var gate = new NativeCallGate();
        gate.enter();
        var result = new CompletableFuture<Boolean>();
        Thread closer = Thread.ofPlatform().start(() -> {
            boolean idle = gate.closeAndAwait(Duration.ofMinutes(1));
            result.complete(idle && Thread.currentThread().isInterrupted());
        });
        while (!gate.closing()) Thread.onSpinWait();
        closer.interrupt();
        closer.join(50);
        assertThat(closer.isAlive()).as("still waiting after the interrupt").isTrue();
        gate.exit();
        assertThat(result.get(1, TimeUnit.MINUTES)).as("returned idle, interrupt restored").isTrue();
    }
}
