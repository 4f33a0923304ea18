package dev.cachet.ui.shell;

import dev.cachet.engine.EngineOptions;
import dev.cachet.ui.experiments.ExperimentsViewModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The Experiments pane's screenshot scene: a demo experiment (two prompts over 40 orders) on the
 * simulator's scripted mode, run twice (the second run to compare with), one cell opened.
 */
final class ExperimentScene {

    static final String SCRIPT = "experiments-demo-script.yaml";
    static final String EXPERIMENT = "order-status.yaml";

    private ExperimentScene() { }

    /** The engine options with the demo's script and experiment file written into the data dir. */
    static EngineOptions prepare(EngineOptions o) {
        copy("/experiments-demo/script.yaml", o.dataDir().resolve(SCRIPT));
        copy("/experiments-demo/order-status.yaml", o.dataDir().resolve(EXPERIMENT));
        var config = o.config().withSimulator(o.config().simulator().withScript(SCRIPT));
        return new EngineOptions(o.dataDir(), config, o.probeLocalServers(), o.clock(), o.environment(), o.models());
    }

    private static void copy(String resource, Path to) {
        try (InputStream in = ExperimentScene.class.getResourceAsStream(resource)) {
            Files.createDirectories(to.getParent());
            Files.write(to, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + to, e);
        }
    }

    static CompletableFuture<Void> play(WorkbenchWindow window) {
        ExperimentsViewModel vm = window.experiments();
        window.shell().paneProperty().set(PaneId.EXPERIMENTS);
        vm.openFile(window.engine().dataDir().resolve(EXPERIMENT));
        java.util.concurrent.Executor fx = new dev.cachet.ui.fx.FxUiThread()::run;
        return vm.start().thenCompose(id -> finished(vm))
                .thenComposeAsync(v -> vm.start(), fx).thenCompose(id -> finished(vm))
                .thenRunAsync(() -> vm.openCell(1, 3, 0), fx)
                .thenCompose(v -> Workbench.afterFrames(6));
    }

    /** Completes once the active run has ended and its results are shown. */
    private static CompletableFuture<Void> finished(ExperimentsViewModel vm) {
        var done = new CompletableFuture<Void>();
        new dev.cachet.ui.fx.FxUiThread().run(() -> {
            if (!vm.runningProperty().get()) done.complete(null);
            else vm.runningProperty().addListener((o, was, now) -> {
                if (!now) done.complete(null);
            });
        });
        return done.thenCompose(v -> Workbench.afterFrames(10));
    }
}
