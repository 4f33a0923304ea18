package dev.cachet.bench;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.metrics.MetricsRegistry;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/** What the metrics registry adds to every request: one onFinished call, alone and contended. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsRecordBenchmark {

    private MetricsRegistry registry;
    private ChatRequest request;
    private ChatResult modelCall;
    private ChatResult exactHit;

    @Setup
    public void setUp() {
        registry = MetricsRegistry.withDefaults(InstantSource.system(), PriceTable.defaults());
        request = ChatRequest.ofPrompt("hello");
        modelCall = result(AnswerSource.MODEL, "generate", 400);
        exactHit = result(AnswerSource.EXACT_CACHE, "exact", 1);
    }

    private static ChatResult result(AnswerSource source, String stage, long millis) {
        var trace = new Trace(Instant.now());
        trace.add(TraceEntry.of("resolve", "resolved", "simulator/sim-small", Duration.ofNanos(800)));
        trace.add(TraceEntry.of(stage, "hit", "", Duration.ofMillis(millis)));
        trace.timeToFirstToken(Duration.ofMillis(millis / 2));
        trace.total(Duration.ofMillis(millis));
        return new ChatResult.Answered("text", source, new ModelRef("simulator", "sim-small"), new Usage(100, 50),
                FinishReason.STOP, trace);
    }

    @Benchmark
    public void recordExactHit() { registry.onFinished(request, exactHit); }

    @Benchmark
    public void recordModelCall() { registry.onFinished(request, modelCall); }

    @Benchmark
    @Threads(4)
    public void recordExactHitContended() { registry.onFinished(request, exactHit); }
}
