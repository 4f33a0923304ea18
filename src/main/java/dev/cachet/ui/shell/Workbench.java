package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * Starts the workbench: the interactive window, or one of its scripted modes (screenshot, start-up
 * measurement, pulse measurement) which run, print or write their result and return an exit code.
 */
public final class Workbench {

    /**
     * @param engine       how to open the engine (data dir, configuration) and what had to be worked around;
     *                     called off the FX thread while the toolkit starts, and may throw with a message for the user
     * @param screenshot   write a PNG of the window after a short scripted chat session, then exit
     * @param pane         pane to show (screenshot) or to start on
     * @param theme        theme to use (null = remembered)
     * @param measurePulseSeconds run a 1,000 req/s simulator load this long and print FX pulse gaps; 0 = off
     * @param sourcesScene  the screenshot plays the documents scene instead (a collection ingested, a question answered with sources)
     */
    public record Options(Supplier<WindowStart> engine, Path screenshot, PaneId pane, Theme theme, boolean measureStartup,
                          int measurePulseSeconds, boolean sourcesScene) {

        public Options(Supplier<WindowStart> engine, Path screenshot, PaneId pane, Theme theme, boolean measureStartup,
                       int measurePulseSeconds) {
            this(engine, screenshot, pane, theme, measureStartup, measurePulseSeconds, false);
        }

        public boolean scripted() { return screenshot != null || measureStartup || measurePulseSeconds > 0; }
    }

    private Workbench() { }

    /** Runs the workbench. Interactive: returns 0 once the window shows (the FX thread keeps running). */
    public static int run(Options options) {
        StartupClock.mark("workbench");
        boolean hasDisplay = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || !System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (!hasDisplay) {
            if (!options.scripted()) {
                System.err.println("error: no display (DISPLAY is not set): run Cachet in a desktop session, "
                        + "or use 'cachet chat ...' / '--screenshot FILE' without one");
                return 3;
            }
            // Scripted modes render off-screen with JavaFX's own headless platform.
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        // Open the engine while the toolkit starts: the two are independent and both take a while.
        CompletableFuture<EngineStart> engine = CompletableFuture.supplyAsync(
                () -> {
                    // background work after the first frame; an unusable database opens a temporary one
                    WindowStart start = options.engine().get();
                    EngineStart opened = EngineStart.open(start.options(), Engine::openDeferred).after(start.problems());
                    StartupClock.mark("engine open");
                    return opened;
                }, r -> Thread.ofVirtual().name("engine-open").start(r));
        var result = new CompletableFuture<Integer>();
        var built = new WorkbenchWindow[1];
        Platform.setImplicitExit(!options.scripted());
        Platform.startup(() -> {
            try {
                StartupClock.mark("toolkit started");
                EngineStart start;
                try {
                    start = engine.join();
                } catch (java.util.concurrent.CompletionException failed) {
                    System.err.println("error: " + failed.getCause().getMessage());
                    result.complete(3);
                    return;
                }
                Engine e = start.engine();
                Path dataDir = e.dataDir();
                start.problems().forEach(p -> System.err.println("error: " + p.problem() + " — " + p.whatToDo()));
                e.notices().forEach(n -> System.err.println("note: " + n));
                var window = new WorkbenchWindow(e, new Stage(), WindowStateFile.in(dataDir), ThemeStylesheets.standard(dataDir));
                built[0] = window;
                if (options.theme() != null) window.shell().themeProperty().set(options.theme());
                if (options.pane() != null) window.shell().paneProperty().set(options.pane());
                StartupClock.mark("window built");
                if (!options.scripted()) {
                    window.stage().setOnHidden(ev -> {
                        start.close();
                        Platform.exit();
                        System.exit(0);
                    });
                    window.show();
                    if (!start.problems().isEmpty()) StartupProblemsDialog.of(window.stage(), start.problems()).show();
                    result.complete(0);
                } else {
                    window.stage().setOnHiding(null); // scripted runs do not change the remembered window
                    window.show();
                    runScripted(options, window).whenComplete((code, failure) -> {
                        if (failure != null) System.err.println("error: " + failure.getMessage());
                        result.complete(failure != null ? 1 : code);
                    });
                }
            } catch (RuntimeException ex) {
                System.err.println("error: cannot open the workbench: " + ex.getMessage());
                result.complete(3);
            }
        });
        int code = result.join();
        if (options.scripted() || code != 0) {
            // the dashboard's refresh reads the engine: stop it before closing (on the FX thread, which owns it)
            var stopped = new CompletableFuture<Void>();
            new dev.cachet.ui.fx.FxUiThread().run(() -> {
                if (built[0] != null) built[0].dashboard().stop();
                stopped.complete(null);
            });
            stopped.orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
            engine.thenAccept(EngineStart::close);
            Platform.exit();
        }
        return code;
    }

    private static CompletableFuture<Integer> runScripted(Options options, WorkbenchWindow window) {
        if (options.measureStartup()) return measureStartup();
        if (options.measurePulseSeconds() > 0) return PulseMeasurement.run(window, options.measurePulseSeconds());
        PaneId target = options.pane() == null ? PaneId.CHAT : options.pane();
        if (target == PaneId.TEMPLATES) {
            window.shell().paneProperty().set(PaneId.TEMPLATES);
            return ScriptedSession.templates(window).thenCompose(v -> afterFrames(4)).thenApply(v -> {
                writePng(window, options.screenshot());
                System.out.println("wrote " + options.screenshot().toAbsolutePath());
                return 0;
            });
        }
        window.shell().paneProperty().set(PaneId.CHAT);
        var session = options.sourcesScene() || target == PaneId.COLLECTIONS ? ScriptedSession.sources(window) : ScriptedSession.run(window);
        return session.thenCompose(v -> target == PaneId.DASHBOARD
                ? ScriptedSession.load(window) : CompletableFuture.completedFuture(null)).thenCompose(v -> {
            window.shell().paneProperty().set(target);
            return afterFrames(4);
        }).thenApply(v -> {
            writePng(window, options.screenshot());
            System.out.println("wrote " + options.screenshot().toAbsolutePath());
            return 0;
        });
    }

    /** Prints the time from process start to the first frame of the window, ready for input. */
    private static CompletableFuture<Integer> measureStartup() {
        Instant processStart = ProcessHandle.current().info().startInstant().orElseThrow();
        return afterFrames(1).thenApply(v -> {
            long ms = java.time.Duration.between(processStart, Instant.now()).toMillis();
            StartupClock.mark("first frame");
            System.out.println("startup: window usable " + ms + " ms after process start (" + StartupClock.report() + ")");
            return 0;
        });
    }

    /** Completes on the FX thread after {@code n} more frames have been rendered. */
    static CompletableFuture<Void> afterFrames(int n) {
        var done = new CompletableFuture<Void>();
        new AnimationTimer() {
            int frames;
            @Override public void handle(long now) {
                if (++frames >= n) {
                    stop();
                    done.complete(null);
                }
            }
        }.start();
        return done;
    }

    private static void writePng(WorkbenchWindow window, Path file) {
        var image = window.stage().getScene().snapshot(null);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    static <T> T await(CompletableFuture<T> f, long seconds) throws Exception {
        return f.get(seconds, TimeUnit.SECONDS);
    }
}
