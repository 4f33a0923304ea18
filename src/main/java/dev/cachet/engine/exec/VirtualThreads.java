package dev.cachet.engine.exec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Named virtual-thread factories: every request and every fan-out runs on one of these. */
public final class VirtualThreads {

    private static final Logger LOG = Logger.getLogger(VirtualThreads.class.getName());

    private VirtualThreads() { }

    /** Threads named {@code prefix-0, prefix-1, ...}; uncaught exceptions are logged, never lost. */
    public static ThreadFactory factory(String prefix) {
        return Thread.ofVirtual()
                .name(prefix + "-", 0)
                .uncaughtExceptionHandler((t, e) -> LOG.log(Level.SEVERE, "uncaught in " + t.getName(), e))
                .factory();
    }

    public static ExecutorService perTask(String prefix) {
        return Executors.newThreadPerTaskExecutor(factory(prefix));
    }
}
