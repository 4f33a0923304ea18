package dev.cachet.bench;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.templates.RenderedPrompt;
import dev.cachet.engine.templates.TemplateException;
import dev.cachet.engine.templates.TemplateLibrary;
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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rendering a typical template: the shipped {@code rag-answer} (system message, one few-shot turn, a
 * loop over three passages with a condition, a number default) through {@link TemplateLibrary#render}
 * — variant choice, variable checks, four texts rendered from their parsed trees. {@code reparseEachTime}
 * renders the same user text with jinjava's own {@code renderForResult}, which parses on every call:
 * the cost the parsed-tree cache saves. Sample mode, so the report has p99. Run from the repo root
 * (it reads {@code prompts/}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TemplateRenderBenchmark {

    private TemplateLibrary library;
    private TemplateInvocation invocation;
    private Jinjava jinjava;
    private String userText;
    private Map<String, Object> variables;

    @Setup(Level.Trial)
    public void load() {
        library = new TemplateLibrary(List.of(Path.of("prompts")), FolderWatcher.Settings.DEFAULTS, null);
        library.load();
        variables = Map.of("question", "How long does a cached answer live, and can a template change it?",
                "passages", List.of(
                        Map.of("title", "Cache settings", "text", "Model answers are kept for 7 days unless cache.ttl says otherwise."),
                        Map.of("title", "Templates", "text", "A template's cache block may set its own ttl.", "url", "https://example.org/t"),
                        Map.of("title", "Semantic cache", "text", "Semantic entries follow semantic.ttl.")));
        invocation = new TemplateInvocation("rag-answer", null, variables);
        userText = library.find("rag-answer").orElseThrow().value().messages().user().source();
        jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
    }

    @TearDown(Level.Trial)
    public void close() { library.close(); }

    @Benchmark
    public RenderedPrompt renderTypical() throws TemplateException {
        return library.render(invocation, null);
    }

    @Benchmark
    public String reparseEachTime() {
        return jinjava.renderForResult(userText, variables).getOutput();
    }
}
