package dev.cachet.engine.retrieval;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.TemplateSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.routing.RoutingSettings;
import dev.cachet.engine.trace.TraceEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval chosen by a route or a template, end to end in a real engine: the route's collection is bound
 * before the exact cache builds its key (a re-ingest makes the next identical question miss), the chunks
 * reach the template as its list variable (the model's prompt is checked by the simulator's script), top_k
 * comes from the complexity level, and a greeting skips retrieval through that level.
 */
class RoutedRetrievalTest {

    @TempDir Path dir;
    Engine engine;
    Path docs;

    static final String ROUTES = """
            routes:
              - name: greeting
                match: whole-message
                keywords: [hello, hi, thanks, thank you]
              - name: manuals
                description: questions about the relay, answered from its manual
                keywords: [relay]
                target: {collection: manual, template: rag-answer}
              - name: general
                fallback: true
            """;

    /** Answers only a prompt rendered from rag-answer whose first passage holds the port. */
    static final String SCRIPT = """
            rules:
              - match: "(?is)using only the numbered passages.*\\\\[1\\\\] [^\\\\[]*7421.*question: which port does the relay listen on"
                answer: "The relay listens on port 7421 [1]."
              - match: "(?is)answer from the manual excerpts only.*\\\\[1\\\\] [^\\\\[]*7421.*q: which port"
                answer: "Port 7421 [1], says the manual."
            """;

    @BeforeEach void open() throws Exception {
        docs = dir.resolve("docs");
        Documents.write(docs);
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, ROUTES);
        Path script = dir.resolve("script.yaml");
        Files.writeString(script, SCRIPT);
        Path prompts = dir.resolve("prompts");
        Files.createDirectories(prompts);
        Files.copy(Path.of("prompts/rag/answer-with-citations.yaml"), prompts.resolve("rag-answer.yaml"));
        Files.writeString(prompts.resolve("manual-answer.yaml"), """
                id: manual-answer
                variables:
                  question: {type: string, required: true}
                  excerpts: {type: list, required: true, example: [{number: 1, title: Ports, text: port 1}]}
                retrieval: {variable: excerpts, collection: manual}
                messages:
                  system: Answer from the manual excerpts only.
                  user: |
                    {% for e in excerpts %}
                    [{{ e.number }}] {{ e.title }}: {{ e.text }}
                    {% endfor %}
                    Q: {{ question }}
                """);
        var config = CachetConfig.defaults().withDefaultProvider(SimulatorProvider.ID)
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0).withScript(script.toString()))
                .withRouting(RoutingSettings.DEFAULTS.withFallback(false, false).withRoutes(routes.toString()))
                .withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        engine = Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system()));
        engine.retrieval().create("manual", List.of(docs));
        ingest();
    }

    @AfterEach void close() { engine.close(); }

    private void ingest() throws InterruptedException {
        engine.retrieval().ingest("manual", p -> { }, new Cancellation());
    }

    private ChatResult.Answered ask(ChatRequest request) {
        var r = engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
        assertThat(r).as(r.trace().format()).isInstanceOf(ChatResult.Answered.class);
        return (ChatResult.Answered) r;
    }

    private static TraceEntry entry(ChatResult r, String stage) { return r.trace().entry(stage).orElseThrow(); }

    @Test
    void aRoutesCollection_isBoundBeforeTheExactKey_soAReingestMissesTheNextIdenticalQuestion() throws Exception {
        var first = ask(ChatRequest.ofPrompt("Which port does the relay listen on?"));
        assertThat(entry(first, "route").decision()).isEqualTo("manuals");
        assertThat(entry(first, "route").details()).containsEntry("targetCollection", "manual v1")
                .hasEntrySatisfying("targetTemplate", t -> assertThat(t).startsWith("rag-answer@"));
        assertThat(entry(first, "retrieve").details()).hasEntrySatisfying("template", t -> assertThat(t).contains("'passages'"));
        // The simulator's script answers only when the passages reached the template's list, the port in passage [1].
        assertThat(first.text()).isEqualTo("The relay listens on port 7421 [1].");
        assertThat(first.trace().citations()).isNotEmpty();
        assertThat(first.trace().citations().getFirst().text()).contains("7421");

        var again = ask(ChatRequest.ofPrompt("Which port does the relay listen on?"));
        assertThat(again.source()).isEqualTo(AnswerSource.EXACT_CACHE);
        assertThat(again.trace().citations()).as("a cached answer keeps the sources it was given")
                .extracting(c -> c.chunkId()).containsExactlyElementsOf(first.trace().citations().stream().map(c -> c.chunkId()).toList());

        Files.writeString(docs.resolve("backup.txt"), Documents.BACKUP.replace("02:00", "03:30"));
        ingest();
        var afterReingest = ask(ChatRequest.ofPrompt("Which port does the relay listen on?"));
        assertThat(afterReingest.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(entry(afterReingest, "exact").decision()).isEqualTo("miss");
        assertThat(entry(afterReingest, "route").details()).containsEntry("targetCollection", "manual v2");
    }

    @Test
    void topK_comesFromTheComplexityLevel_andAGreetingSkipsRetrieval() {
        var compare = ask(ChatRequest.ofPrompt("Compare the relay backup schedule with the relay proxy settings"));
        assertThat(entry(compare, "complexity").decision()).isIn("complex", "comprehensive");
        int expected = engine.config().routing().budget(dev.cachet.engine.routing.ComplexityLevel.parse(entry(compare, "complexity").decision())).topK();
        assertThat(entry(compare, "retrieve").details()).containsEntry("topK", Integer.toString(expected));

        var simple = ask(ChatRequest.ofPrompt("What is the relay?"));
        assertThat(entry(simple, "retrieve").details()).containsEntry("topK", "3");

        var hello = ask(ChatRequest.ofPrompt("hello").withRetrieval(RetrievalSpec.of("manual")));
        assertThat(entry(hello, "complexity").decision()).isEqualTo("trivial");
        assertThat(entry(hello, "retrieve").decision()).isEqualTo("skipped");
        assertThat(entry(hello, "retrieve").reason()).startsWith("trivial");
    }

    @Test
    void aTemplateThatDeclaresACollection_getsItsChunks_withoutTheRequestNamingOne() {
        var r = ask(ChatRequest.ofTemplate(new TemplateInvocation("manual-answer", null, Map.of("question", "Which port?")), List.of(), null));
        assertThat(entry(r, "render").details()).containsEntry("retrieval", "'excerpts' gets the retrieved chunks from manual");
        assertThat(entry(r, "resolve").reason()).contains("collection manual v1");
        assertThat(r.text()).isEqualTo("Port 7421 [1], says the manual.");
        assertThat(r.trace().citations()).isNotEmpty();
    }

    @Test
    void aPlainRequestNamingACollection_stillGetsTheSourcesAsASystemMessage() {
        var r = ask(ChatRequest.ofPrompt("Where is the nightly backup written?").withRetrieval(RetrievalSpec.of("manual")));
        assertThat(entry(r, "retrieve").decision()).isEqualTo("miss");
        assertThat(entry(r, "retrieve").details()).doesNotContainKey("template");
        assertThat(r.trace().citations()).isNotEmpty();
    }
}
