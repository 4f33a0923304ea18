package dev.cachet.ui.collections;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Collections pane's view-model over a real engine, without a toolkit. */
class CollectionsViewModelTest {

    @TempDir Path dir;
    Engine engine;
    CollectionsViewModel vm;

    @BeforeEach void open() {
        engine = Engine.open(new EngineOptions(dir.resolve("data"), CachetConfig.defaults().withDefaultProvider(SimulatorProvider.ID),
                false, InstantSource.system()));
        vm = new CollectionsViewModel(engine.retrieval(), UiThread.direct());
    }

    @AfterEach void close() { engine.close(); }

    @Test
    void add_ingests_andTheListShowsCountsVersionAndProblems() throws Exception {
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("a.md"), "# Alpha\n\nThe alpha service listens on port 4100.\n");
        Files.writeString(docs.resolve("b.txt"), "Backups run nightly at two in the morning.\n");
        Files.writeString(docs.resolve("c.pdf"), "not a pdf at all");
        assertThat(vm.nameProblem("docs")).isEmpty();
        assertThat(vm.nameProblem("no spaces")).isNotEmpty();

        var report = vm.add("docs", List.of(docs)).get(120, TimeUnit.SECONDS);

        assertThat(report.added()).isEqualTo(2);
        assertThat(vm.ingesting()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("docs: 2 added").contains("1 failed");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        var shown = vm.collections().getFirst();
        assertThat(shown.documents()).isEqualTo(2);
        assertThat(shown.version()).isEqualTo(1);
        assertThat(shown.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("not a PDF"));
        assertThat(vm.nameProblem("docs")).contains("exists already");
    }

    @Test
    void cancel_stopsTheIngest_andWhatWasDoneStays() throws Exception {
        Path docs = dir.resolve("many");
        Files.createDirectories(docs);
        for (int i = 0; i < 40; i++) Files.writeString(docs.resolve("doc" + i + ".txt"), "Document number " + i + " talks about topic " + i + ".\n");
        engine.retrieval().create("many", List.of(docs));
        vm.refresh();
        var started = new java.util.concurrent.CountDownLatch(1);
        var cancelled = new java.util.concurrent.CountDownLatch(1);
        engine.retrieval().addListener(new dev.cachet.engine.retrieval.Retrieval.Listener() {
            @Override public void progress(dev.cachet.engine.retrieval.IngestProgress p) {
                if (p.filesDone() != 3 || p.currentFile().isEmpty()) return;
                started.countDown();  // three files done: hold the ingest here until Cancel was pressed
                try { cancelled.await(60, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
        });
        var running = vm.ingestSelected();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        vm.cancel();
        cancelled.countDown();
        var report = running.get(60, TimeUnit.SECONDS);

        assertThat(report.cancelled()).isTrue();
        assertThat(report.added()).isEqualTo(3);
        assertThat(report.summary()).endsWith("cancelled");
        assertThat(vm.collections().getFirst().documents()).isEqualTo(report.added());
    }

    @Test
    void watch_andRemove_areReflectedInTheList() throws Exception {
        Path docs = dir.resolve("w");
        Files.createDirectories(docs);
        engine.retrieval().create("w", List.of(docs));
        vm.refresh();
        vm.watch(true);
        assertThat(vm.selectedProperty().get().watch()).isTrue();
        assertThat(engine.retrieval().watching("w")).isTrue();
        vm.watch(false);
        assertThat(engine.retrieval().watching("w")).isFalse();
        vm.removeSelected();
        assertThat(vm.collections()).isEmpty();
    }
}
