package dev.cachet.engine.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatCall;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.ProviderRequest;
import dev.cachet.engine.provider.ResolvedModel;
import dev.cachet.engine.provider.SimulatorSettings;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's own cost: an exact hit end to end, the overhead a miss adds over calling the
 * simulator directly, and 10,000 concurrent requests against a simulator that takes one second.
 *
 * <p>Latencies are wall-clock {@code System.nanoTime()} around one call on one virtual thread, so
 * they include whatever else the machine does meanwhile: other processes, GC, JIT, and this
 * engine's background work (the cache's write-behind flush runs on its own thread while the miss
 * samples are taken, as it would in use). Each measured phase starts after a full GC, so garbage
 * of earlier phases is not collected inside it, and reports the GC pauses and the system load
 * average during the phase next to its percentiles, to judge how noisy the run was.
 */
public final class CoreBenchSuite implements BenchSuite {

    private static final SimulatorSettings INSTANT = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);

    @Override public String name() { return "core"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        figures.put("exactHit", onVirtualThread(() -> exactHit(ctx)));
        figures.put("missOverhead", onVirtualThread(() -> missOverhead(ctx)));
        figures.put("concurrent", concurrent(ctx));
        return figures;
    }

    /** execute() of an already cached request through the whole pipeline. */
    private Map<String, Object> exactHit(BenchContext ctx) throws InterruptedException {
        try (Engine engine = ctx.openEngine("exact-hit", INSTANT)) {
            var request = ChatRequest.ofPrompt("What is an exact cache hit?");
            execute(engine, request);
            ChatResult second = null;
            for (int i = 0; i < 100 && !isExactHit(second); i++) {
                second = execute(engine, request);
                if (!isExactHit(second)) Thread.sleep(10); // the cache may store behind the answer
            }
            if (!isExactHit(second)) {
                var m = new LinkedHashMap<String, Object>();
                m.put("unavailable", "the pipeline has no exact cache yet (stages: " + engine.pipeline().stageNames() + ")");
                ctx.progress("exact hit: unavailable, stages %s", engine.pipeline().stageNames());
                return m;
            }
            int warmup = ctx.scale(20_000, 2_000);
            int samples = ctx.scale(100_000, 5_000);
            for (int i = 0; i < warmup; i++) execute(engine, request);
            var p = new Percentiles();
            var conditions = Conditions.start();
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                execute(engine, request);
                p.record(System.nanoTime() - t0);
            }
            var during = conditions.end();
            ctx.progress("exact hit: p50 %.2f us, p99 %.2f us, p99.9 %.2f us over %,d samples (%s)",
                    p.p50Us(), p.p99Us(), p.p999Us(), samples, during.describe());
            var m = p.figures();
            m.put("during", during.figures());
            return m;
        }
    }

    /**
     * Interleaved pipeline and direct calls to the same zero-latency simulator, each with a new
     * prompt: a pipeline sample is a full miss (resolve, key hash, L1 + waiting + L2 lookup, model
     * call, store back into L1 and the write-behind queue, metrics), a direct sample is the
     * simulator's {@code chat} alone. Interleaving exposes both to the same background conditions.
     */
    private Map<String, Object> missOverhead(BenchContext ctx) throws Exception {
        try (Engine engine = ctx.openEngine("miss-overhead", INSTANT)) {
            ResolvedModel target = engine.providers().resolve(null, null);
            String model = target.ref().model();
            int warmup = ctx.scale(10_000, 1_000);
            int samples = ctx.scale(50_000, 3_000);
            var pipeline = new Percentiles();
            var direct = new Percentiles();
            Conditions conditions = null;
            for (int i = 0; i < warmup + samples; i++) {
                boolean record = i >= warmup;
                if (i == warmup) conditions = Conditions.start();
                // alternate which goes first so neither always runs on a warmer cache line
                if (i % 2 == 0) {
                    timePipeline(engine, model, i, record ? pipeline : null);
                    timeDirect(target, model, i, record ? direct : null);
                } else {
                    timeDirect(target, model, i, record ? direct : null);
                    timePipeline(engine, model, i, record ? pipeline : null);
                }
            }
            var during = conditions.end();
            var m = new LinkedHashMap<String, Object>();
            m.put("pipeline", pipeline.figures());
            m.put("direct", direct.figures());
            m.put("overheadP50Us", round2(pipeline.p50Us() - direct.p50Us()));
            m.put("overheadP99Us", round2(pipeline.p99Us() - direct.p99Us()));
            m.put("during", during.figures());
            ctx.progress("miss: pipeline p50 %.2f us / p99 %.2f us, direct p50 %.2f us / p99 %.2f us, overhead p50 %.2f us / p99 %.2f us (%s)",
                    pipeline.p50Us(), pipeline.p99Us(), direct.p50Us(), direct.p99Us(), pipeline.p50Us() - direct.p50Us(),
                    pipeline.p99Us() - direct.p99Us(), during.describe());
            return m;
        }
    }

    private static void timePipeline(Engine engine, String model, int i, Percentiles p) {
        var request = ChatRequest.ofPrompt("miss question number " + i + " p").withTarget(null, model);
        long t0 = System.nanoTime();
        ChatResult r = execute(engine, request);
        long t = System.nanoTime() - t0;
        if (!(r instanceof ChatResult.Answered)) throw new IllegalStateException("pipeline miss failed: " + r);
        if (p != null) p.record(t);
    }

    private static void timeDirect(ResolvedModel target, String model, int i, Percentiles p) throws Exception {
        var request = ChatRequest.ofPrompt("miss question number " + i + " d");
        long t0 = System.nanoTime();
        target.provider().chat(new ProviderRequest(model, request.messages(), ChatParams.DEFAULTS), TokenListener.NONE, new Cancellation());
        long t = System.nanoTime() - t0;
        if (p != null) p.record(t);
    }

    /** Many requests at once against a slow simulator: what virtual threads cost in time, heap and OS threads. */
    private Map<String, Object> concurrent(BenchContext ctx) throws Exception {
        int n = ctx.scale(10_000, 1_000);
        var memory = ManagementFactory.getMemoryMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        try (Engine engine = ctx.openEngine("concurrent", SimulatorSettings.DEFAULTS.withLatency(Duration.ofSeconds(1), 0))) {
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();
            var peakHeap = new AtomicLong(heapBefore);
            var stop = new AtomicBoolean();
            Thread sampler = Thread.ofVirtual().name("bench-heap-sampler").start(() -> {
                while (!stop.get()) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try { Thread.sleep(10); } catch (InterruptedException e) { return; }
                }
            });
            ctx.progress("concurrent: starting %,d requests against a simulator with 1 s latency", n);
            long t0 = System.nanoTime();
            List<ChatCall> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                calls.add(engine.pipeline().submit(ChatRequest.ofPrompt("concurrent request " + i), TokenListener.NONE));
            }
            var outcomes = new EnumMap<Outcome, Long>(Outcome.class);
            for (ChatCall c : calls) outcomes.merge(Outcome.of(c.result().get()), 1L, Long::sum);
            long wallNanos = System.nanoTime() - t0;
            stop.set(true);
            sampler.join();
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);

            var m = new LinkedHashMap<String, Object>();
            m.put("requests", n);
            m.put("modelCalls", outcomes.getOrDefault(Outcome.MODEL_CALL, 0L));
            m.put("failed", outcomes.getOrDefault(Outcome.ERROR, 0L) + outcomes.getOrDefault(Outcome.CANCELLED, 0L));
            m.put("wallMs", wallNanos / 1_000_000);
            m.put("requestsPerSecond", Math.round(n / (wallNanos / 1e9)));
            m.put("heapBeforeMb", mb(heapBefore));
            m.put("peakHeapMb", mb(peakHeap.get()));
            m.put("platformThreadsBefore", threadsBefore);
            m.put("peakPlatformThreads", threads.getPeakThreadCount());
            ctx.progress("concurrent: %,d requests in %,d ms (%,d req/s), peak heap %.0f MB (before %.0f), platform threads %d -> peak %d",
                    n, wallNanos / 1_000_000, Math.round(n / (wallNanos / 1e9)), mb(peakHeap.get()), mb(heapBefore),
                    threadsBefore, threads.getPeakThreadCount());
            return m;
        }
    }

    /** GC pauses and load while a phase measures; starting one collects earlier garbage first. */
    private record Conditions(long gcCount, long gcMillis, long startNanos) {
        static Conditions start() {
            System.gc();
            return new Conditions(totalGcs(), totalGcMillis(), System.nanoTime());
        }

        During end() {
            return new During(totalGcs() - gcCount, totalGcMillis() - gcMillis, (System.nanoTime() - startNanos) / 1_000_000,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors());
        }

        private static long totalGcs() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount())).sum();
        }

        private static long totalGcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        }
    }

    private record During(long gcs, long gcMillis, long wallMillis, double loadAverage, int cpus) {
        String describe() {
            return String.format("%,d ms: %d GCs, %d ms in GC; load average %.2f on %d CPUs", wallMillis, gcs, gcMillis, loadAverage, cpus);
        }

        Map<String, Object> figures() {
            var m = new LinkedHashMap<String, Object>();
            m.put("wallMs", wallMillis);
            m.put("gcs", gcs);
            m.put("gcMs", gcMillis);
            m.put("loadAverage", round2(loadAverage));
            m.put("cpus", cpus);
            return m;
        }
    }

    private static boolean isExactHit(ChatResult r) {
        return r instanceof ChatResult.Answered a && a.source() == AnswerSource.EXACT_CACHE;
    }

    private static ChatResult execute(Engine engine, ChatRequest request) {
        return engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
    }

    private static double mb(long bytes) { return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0; }

    private static double round2(double v) { return Math.round(v * 100) / 100.0; }

    /** Pipeline.execute expects a virtual thread (as in the app); measure there. */
    private static <T> T onVirtualThread(Callable<T> task) throws Exception {
        var result = new Object[1];
        var failure = new Exception[1];
        Thread t = Thread.ofVirtual().name("bench").start(() -> {
            try {
                result[0] = task.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] != null) throw failure[0];
        @SuppressWarnings("unchecked") T r = (T) result[0];
        return r;
    }
}
