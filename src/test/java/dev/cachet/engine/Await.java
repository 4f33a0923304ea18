package dev.cachet.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for what another thread does (a watcher, a background load); never a timing assertion. */
public final class Await {

    private Await() { }

    public static void until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 15 s");
            Thread.sleep(10);
        }
    }
}
