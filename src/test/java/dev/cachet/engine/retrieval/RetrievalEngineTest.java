package dev.cachet.engine.retrieval;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Collections end to end in a real engine: SQLite, in-process MiniLM, langchain4j parsers, the simulator as the model. */
class RetrievalEngineTest {

    @TempDir Path dir;
    Engine engine;
    Retrieval retrieval;
    Path docs;

    @BeforeEach void open() throws Exception {
        docs = dir.resolve("docs");
        Documents.write(docs);
        engine = open(dir.resolve("data"));
        retrieval = engine.retrieval();
        retrieval.create("manual", List.of(docs));
    }

    private static Engine open(Path data) {
        var config = CachetConfig.defaults().withDefaultProvider(SimulatorProvider.ID)
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        return Engine.open(new EngineOptions(data, config, false, InstantSource.system()));
    }

    @AfterEach void close() { engine.close(); }

    private IngestReport ingest() throws InterruptedException {
        return retrieval.ingest("manual", p -> { }, new Cancellation());
    }

    private ChatResult ask(ChatRequest request) {
        return engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
    }

    private static ChatRequest question(String text) {
        return ChatRequest.ofPrompt(text).withRetrieval(RetrievalSpec.of("manual"));
    }

    @Test
    void ingest_readsMarkdownTextHtmlAndPdf() throws Exception {
        IngestReport report = ingest();

        assertThat(report.added()).isEqualTo(4);
        assertThat(report.failed()).isEmpty();
        assertThat(report.version()).isEqualTo(1);
        var info = retrieval.require("manual");
        assertThat(info.documents()).isEqualTo(4);
        assertThat(info.chunks()).isGreaterThanOrEqualTo(4);

        QueryResult pdf = retrieval.retrieve("manual", "Where do I find my licence key?", 1, CacheMode.USE);
        assertThat(pdf.chunks().getFirst().chunk().text()).contains("RLY");
        QueryResult html = retrieval.retrieve("manual", "How do I use the relay behind a corporate proxy?", 1, CacheMode.USE);
        assertThat(html.chunks().getFirst().chunk().text()).contains("HTTPS_PROXY").doesNotContain("<p>").doesNotContain("console.log");
        QueryResult md = retrieval.retrieve("manual", "Which port does the relay listen on?", 1, CacheMode.USE);
        assertThat(md.chunks().getFirst().chunk().text()).contains("7421");
        assertThat(md.chunks().getFirst().chunk().position()).isEqualTo("lines 1-9 · Installing the relay");
    }

    @Test
    void corruptPdf_isReportedByName_andTheRestIsIngested() throws Exception {
        Path broken = Documents.writeCorruptPdf(docs);
        Files.write(docs.resolve("empty.txt"), new byte[0]);

        IngestReport report = ingest();

        assertThat(report.added()).isEqualTo(4);
        assertThat(report.failed()).extracting(IngestProblem::path)
                .containsExactlyInAnyOrder(broken.toAbsolutePath().toString(), docs.resolve("empty.txt").toAbsolutePath().toString());
        assertThat(report.failed()).filteredOn(p -> p.path().endsWith("broken.pdf")).first()
                .extracting(IngestProblem::reason).asString().startsWith("cannot parse PDF");
        assertThat(retrieval.require("manual").problems()).hasSize(2);
        assertThat(retrieval.retrieve("manual", "nightly backup", 1, CacheMode.USE).chunks()).isNotEmpty();
    }

    @Test
    void reingest_skipsUnchanged_replacesChanged_removesDeleted_andBumpsVersionOnlyOnChange() throws Exception {
        ingest();
        IngestReport again = ingest();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.changedAnything()).isFalse();
        assertThat(again.version()).isEqualTo(1);

        Files.writeString(docs.resolve("backup.txt"), Documents.BACKUP.replace("02:00", "03:30"));
        Files.delete(docs.resolve("proxy.html"));
        IngestReport changed = ingest();

        assertThat(changed.changed()).isEqualTo(1);
        assertThat(changed.removed()).isEqualTo(1);
        assertThat(changed.unchanged()).isEqualTo(2);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(retrieval.require("manual").documents()).isEqualTo(3);
        var found = retrieval.retrieve("manual", "When is the nightly backup written?", 4, CacheMode.USE).chunks();
        assertThat(found).extracting(c -> c.chunk().text()).noneMatch(t -> t.contains("02:00") || t.contains("HTTPS_PROXY"));
        assertThat(found.getFirst().chunk().text()).contains("03:30");
    }

    @Test
    void reingest_invalidatesTheRetrievalCache() throws Exception {
        ingest();
        String q = "When is the nightly backup written?";
        assertThat(retrieval.retrieve("manual", q, 2, CacheMode.USE).cache()).isEqualTo(RetrievalCache.Tier.MISS);
        assertThat(retrieval.retrieve("manual", q, 2, CacheMode.USE).cache()).isEqualTo(RetrievalCache.Tier.L1);
        assertThat(retrieval.retrieve("manual", "  when is the NIGHTLY backup written ", 2, CacheMode.USE).cache())
                .as("normalized query shares the entry").isEqualTo(RetrievalCache.Tier.L1);

        Files.writeString(docs.resolve("backup.txt"), Documents.BACKUP.replace("02:00", "04:15"));
        ingest();

        QueryResult after = retrieval.retrieve("manual", q, 2, CacheMode.USE);
        assertThat(after.cache()).isEqualTo(RetrievalCache.Tier.MISS);
        assertThat(after.chunks().getFirst().chunk().text()).contains("04:15");
    }

    @Test
    void retrievalCache_survivesARestart_inSqlite() throws Exception {
        ingest();
        String q = "Which port does the relay listen on?";
        retrieval.retrieve("manual", q, 2, CacheMode.USE);
        engine.close();
        engine = open(dir.resolve("data"));
        retrieval = engine.retrieval();

        QueryResult again = retrieval.retrieve("manual", q, 2, CacheMode.USE);
        assertThat(again.cache()).isEqualTo(RetrievalCache.Tier.L2);
        assertThat(again.chunks().getFirst().chunk().text()).contains("7421");
    }

    @Test
    void greetings_skipRetrieval_questionsDoNot() throws Exception {
        ingest();
        for (String greeting : List.of("hi", "Hello there!", "thanks", "Thank you very much.", "ok")) {
            var r = ask(question(greeting));
            var entry = r.trace().entry("retrieve").orElseThrow();
            assertThat(entry.decision()).as(greeting).isEqualTo("skipped");
            assertThat(r.trace().citations()).isEmpty();
        }
        var real = ask(question("hi, which port does the relay use?"));
        assertThat(real.trace().entry("retrieve").orElseThrow().decision()).isEqualTo("miss");
    }

    @Test
    void answer_citesTheChunksRetrieved_andACachedAnswerCitesTheSame() throws Exception {
        ingest();
        var first = (ChatResult.Answered) ask(question("Which port does the relay listen on?"));
        assertThat(first.source()).isEqualTo(AnswerSource.MODEL);
        var citations = first.trace().citations();
        assertThat(citations).isNotEmpty();
        assertThat(citations).extracting(c -> c.number()).containsExactly(java.util.stream.IntStream.rangeClosed(1, citations.size()).boxed().toArray(Integer[]::new));
        assertThat(citations.getFirst().text()).contains("7421");
        assertThat(citations.getFirst().fileName()).isEqualTo("install.md");

        var second = (ChatResult.Answered) ask(question("Which port does the relay listen on?"));
        assertThat(second.source()).isEqualTo(AnswerSource.EXACT_CACHE);
        var bound = question("Which port does the relay listen on?").withRetrieval(RetrievalSpec.of("manual").bound(1));
        assertThat(retrieval.citations(bound, second.text(), second.trace().citations()))
                .extracting(c -> c.chunkId()).containsExactlyElementsOf(citations.stream().map(c -> c.chunkId()).toList());
    }

    @Test
    void reingest_makesTheExactCacheMiss_forThatCollection() throws Exception {
        ingest();
        ask(question("When is the nightly backup written?"));
        assertThat(((ChatResult.Answered) ask(question("When is the nightly backup written?"))).source()).isEqualTo(AnswerSource.EXACT_CACHE);

        Files.writeString(docs.resolve("backup.txt"), Documents.BACKUP.replace("02:00", "05:00"));
        ingest();

        var after = (ChatResult.Answered) ask(question("When is the nightly backup written?"));
        assertThat(after.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(after.trace().citations().getFirst().text()).contains("05:00");
    }

    @Test
    void unknownCollection_failsTheRequestWithTheKnownNames() {
        var r = ask(ChatRequest.ofPrompt("Which port?").withRetrieval(RetrievalSpec.of("nope")));
        assertThat(r).isInstanceOf(ChatResult.Failed.class);
        assertThat(((ChatResult.Failed) r).error().message()).contains("unknown collection 'nope'").contains("manual");
        assertThatThrownBy(() -> retrieval.create("manual", List.of(docs))).hasMessageContaining("already exists");
    }
}
