package dev.cachet.ui.dashboard;

import dev.cachet.engine.Engine;
import dev.cachet.engine.cache.Namespace;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.StatusFigures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardViewModelTest {

    @TempDir Path dataDir;
    Engine engine;
    DashboardViewModel vm;
    final List<StatusFigures> status = new ArrayList<>();

    @BeforeEach void open() {
        engine = TestEngines.open(dataDir, TestEngines.FAST);
        vm = new DashboardViewModel(engine, UiThread.direct(), status::add);
    }

    @AfterEach void close() {
        vm.stop();
        engine.close();
    }

    ChatResult ask(String text) throws Exception {
        return engine.pipeline().submit(ChatRequest.ofPrompt(text), TokenListener.NONE).result().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRepeatedQuestion_countsAsAnExactHit_inTheFiguresAndTheStatusBar() throws Exception {
        ask("same question");
        assertThat(ask("same question")).isInstanceOfSatisfying(ChatResult.Answered.class,
                a -> assertThat(a.source()).isEqualTo(AnswerSource.EXACT_CACHE));

        vm.refresh();

        DashboardFrame f = vm.frame();
        assertThat(f.kpis()).containsEntry("requests", "2").containsEntry("model calls", "1").containsEntry("hit rate", "50.0%")
                .containsEntry(DashboardViewModel.CACHE_WRITES_LOST, "0")
                .containsKey(DashboardViewModel.SEMANTIC_ENTRIES);
        assertThat(f.kpis().get(DashboardViewModel.SEMANTIC_ENTRIES)).matches("[0-9,]+ · 0 evicted");
        assertThat(f.charts()).containsKeys(DashboardFrame.HIT_RATE, DashboardFrame.REQUESTS, DashboardFrame.LATENCY,
                DashboardFrame.MODEL_CALLS, DashboardFrame.COST_SAVED);
        assertThat(f.chart(DashboardFrame.HIT_RATE).lines()).containsKeys("exact", "semantic");
        assertThat(status.getLast().hitRate()).isEqualTo(0.5);
        assertThat(status.getLast().cacheEntries()).isEqualTo(1);
    }

    @Test
    void everyChartLine_spansTheTimeAxis() throws Exception {
        ask("q");
        vm.refresh();
        for (ChartData c : vm.frame().charts().values()) {
            assertThat(c.lines().values()).allSatisfy(v -> assertThat(v).hasSameSizeAs(c.x()));
        }
    }

    @Test
    void clearCache_removesTheEntries() throws Exception {
        ask("to be cleared");
        // An empty namespace answers without the embedder and stores the entry after the answer, in the background.
        assertThat(engine.semantic().awaitAnswerWork(java.time.Duration.ofMinutes(1))).isTrue();
        long removed = vm.clearCache(new Namespace.All()).get(10, TimeUnit.SECONDS);
        assertThat(removed).as("the exact and the semantic level each held the answer").isEqualTo(2);
        assertThat(vm.messageProperty().get()).isEqualTo("cleared 1 exact-cache entry and 1 semantic-cache entry (all)");
        assertThat(((ChatResult.Answered) ask("to be cleared")).source()).isEqualTo(AnswerSource.MODEL);
    }

    @Test
    void namespaces_offerAllAndEveryModel() {
        assertThat(vm.namespaces()).first().isEqualTo(new Namespace.All());
        assertThat(vm.namespaces()).contains(new Namespace.Model("simulator/sim-small"), new Namespace.Model("simulator/sim-large"));
    }

    @Test
    void csv_hasAHeaderAndOneRowPerPoint() throws Exception {
        ask("csv");
        vm.refresh();
        Path file = dataDir.resolve("out.csv");
        vm.exportCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).startsWith("seconds_from_newest,").contains("\"Hit rate by level: exact (%)\"");
        assertThat(lines).hasSize(vm.frame().chart(DashboardFrame.HIT_RATE).x().length + 1);
    }

    @Test
    void loadingTheDemoWorkload_runsEveryRequestAndReports() throws Exception {
        vm.startLoad(DashboardViewModel.DEMO_WORKLOAD, 16).get(60, TimeUnit.SECONDS);
        assertThat(vm.loadRunningProperty().get()).isFalse();
        assertThat(vm.loadProgressProperty().get()).isEqualTo(1.0);
        assertThat(vm.loadStatusProperty().get()).startsWith("replayed 240 requests");
        vm.refresh();
        assertThat(vm.frame().kpis().get("requests")).isEqualTo("240");
    }

    @Test
    void aMissingWorkloadFile_saysWhichFile() throws Exception {
        vm.startLoad(dataDir.resolve("nope.jsonl").toString(), 4).get(10, TimeUnit.SECONDS);
        assertThat(vm.loadStatusProperty().get()).startsWith("load failed").contains("nope.jsonl");
    }

    @Test
    void warming_keepsOnlyAnswersPassingTheirChecks_andReports() throws Exception {
        var file = java.nio.file.Files.writeString(dataDir.resolve("warm.jsonl"), """
                {"prompt": "What is a cache?", "expect": "simulated answer"}
                {"prompt": "What is the capital of France?", "expect": {"contains": "Paris"}}
                """);
        vm.startWarm(file.toString(), 2).get(60, TimeUnit.SECONDS);
        assertThat(vm.loadRunningProperty().get()).isFalse();
        assertThat(vm.loadProgressProperty().get()).isEqualTo(1.0);
        assertThat(vm.loadStatusProperty().get()).isEqualTo("warmed 2 prompts: 1 kept, 1 rejected by their checks, 0 already cached, 0 failed");
    }
}
