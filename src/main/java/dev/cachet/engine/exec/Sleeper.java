package dev.cachet.engine.exec;

import java.time.Duration;

/** Waiting, injected so tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Real time: {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> {
        if (d.isPositive()) Thread.sleep(d);
    };

    static Sleeper system() {
        return SYSTEM;
    }
}
