package dev.cachet.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.ProviderRequest;
import dev.cachet.engine.provider.ProviderResponse;
import dev.cachet.engine.provider.ResolvedModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A miss through the whole pipeline against a direct call to the same zero-latency simulator: the
 * difference is the pipeline's overhead per model call. {@code exactHit} repeats one cached request
 * (an exact hit once the exact cache is in the pipeline; a miss until then).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PipelineBenchmark {

    private Engine engine;
    private ResolvedModel target;
    private ChatRequest cached;
    private long counter;

    @Setup(Level.Trial)
    public void open() throws Exception {
        engine = EngineFixture.instantSimulator();
        target = engine.providers().resolve(null, null);
        cached = ChatRequest.ofPrompt("What is an exact cache hit?");
        engine.pipeline().execute(cached, TokenListener.NONE, new Cancellation());
    }

    @TearDown(Level.Trial)
    public void close() { engine.close(); }

    @Benchmark
    public ChatResult pipelineMiss() {
        return engine.pipeline().execute(ChatRequest.ofPrompt("miss question number " + counter++ + " p"),
                TokenListener.NONE, new Cancellation());
    }

    @Benchmark
    public ProviderResponse directSimulator() throws Exception {
        var request = ChatRequest.ofPrompt("miss question number " + counter++ + " d");
        return target.provider().chat(new ProviderRequest(target.ref().model(), request.messages(), ChatParams.DEFAULTS),
                TokenListener.NONE, new Cancellation());
    }

    @Benchmark
    public ChatResult exactHit() {
        return engine.pipeline().execute(cached, TokenListener.NONE, new Cancellation());
    }
}
