package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.workload.WorkloadItem;
import dev.cachet.engine.workload.WorkloadParser;
import dev.cachet.ui.dashboard.DashboardViewModel;
import javafx.animation.AnimationTimer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures UI responsiveness under load: replays the demo workload at 1,000 requests a second through
 * the pipeline (simulator) while an AnimationTimer records the gap between consecutive FX pulses, then prints
 * p50 / p99 / max of those gaps.
 */
final class PulseMeasurement {

    static final int RATE = 1_000;
    static final long WARM_UP_NANOS = 3_000_000_000L;

    private PulseMeasurement() { }

    static CompletableFuture<Integer> run(WorkbenchWindow window, int seconds) {
        Engine engine = window.engine();
        engine.simulator().settings(SimulatorSettings.DEFAULTS.withLatency(Duration.ofMillis(5), 0));
        window.shell().paneProperty().set(PaneId.DASHBOARD);
        var gaps = new long[seconds * 240 + 1000];
        var count = new int[1];
        var sent = new AtomicLong();
        var finished = new AtomicLong();
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<WorkloadItem> items;
        try {
            items = new WorkloadParser().read(DashboardViewModel.DEMO_WORKLOAD).items();
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Thread load = Thread.ofVirtual().name("pulse-load").start(() -> {
            long start = System.nanoTime();
            while (running.get()) {
                long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                while (sent.get() < due) {
                    long i = sent.getAndIncrement();
                    // The demo workload, replayed in a loop: repeats hit the cache, as real traffic does.
                    ChatRequest request = items.get((int) (i % items.size())).request();
                    engine.pipeline().submit(request, TokenListener.NONE).result().thenRun(finished::incrementAndGet);
                }
                LockSupport.parkNanos(1_000_000);
            }
        });
        var done = new CompletableFuture<Integer>();
        // The first seconds load classes and build the dashboard: they are not what this measures.
        long begin = System.nanoTime() + WARM_UP_NANOS;
        long end = begin + seconds * 1_000_000_000L;
        new AnimationTimer() {
            long last;
            @Override public void handle(long now) {
                if (last != 0 && last >= begin && count[0] < gaps.length) gaps[count[0]++] = now - last;
                last = now;
                if (now >= end) {
                    stop();
                    running.set(false);
                    try { load.join(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    long[] g = Arrays.copyOf(gaps, count[0]);
                    Arrays.sort(g);
                    System.out.println(String.format(Locale.ROOT,
                            "pulse: %d frames in %d s (after a 3 s warm-up) under %d req/s (%d sent, %d finished): gap p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                            g.length, seconds, RATE, sent.get(), finished.get(), pct(g, 0.50), pct(g, 0.99),
                            g.length == 0 ? 0 : g[g.length - 1] / 1e6));
                    done.complete(0);
                }
            }
        }.start();
        return done;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
