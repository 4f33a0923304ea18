package dev.cachet.ui.dashboard;

import dev.cachet.engine.Engine;
import dev.cachet.engine.cache.Namespace;
import dev.cachet.engine.cache.TierStats;
import dev.cachet.engine.metrics.MetricAggregate;
import dev.cachet.engine.metrics.MetricsRegistry;
import dev.cachet.engine.metrics.MetricsSnapshot;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.workload.Workload;
import dev.cachet.engine.workload.WorkloadParser;
import dev.cachet.engine.workload.WorkloadRunner;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.StatusFigures;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operators' dashboard. Once a second (its own timer thread) it reads the metrics registry, the
 * cache and provider health, builds one {@link DashboardFrame} off the UI thread and hands it over in
 * a single UI update; it also clears the cache, exports the series, and replays workloads.
 */
public final class DashboardViewModel {

    private static final Logger LOG = Logger.getLogger(DashboardViewModel.class.getName());
    public static final String DEMO_WORKLOAD = WorkloadParser.BUILTIN_PREFIX + "demo";
    private static final int ENDPOINT_ROWS = 50;
    static final String CACHE_WRITES_LOST = "cache writes lost";
    /** Semantic entries held and how many the cap (Settings) evicted since start. */
    static final String SEMANTIC_ENTRIES = "semantic entries";

    private final Engine engine;
    private final UiThread ui;
    private final Consumer<StatusFigures> status;
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(this, "window", TimeWindow.MINUTE);
    private final ReadOnlyObjectWrapper<DashboardFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame", DashboardFrame.EMPTY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loadRunning = new ReadOnlyBooleanWrapper(this, "loadRunning");
    private final ReadOnlyDoubleWrapper loadProgress = new ReadOnlyDoubleWrapper(this, "loadProgress", 0);
    private final ReadOnlyStringWrapper loadStatus = new ReadOnlyStringWrapper(this, "loadStatus", "");
    private final javafx.beans.property.StringProperty routerTestInput = new javafx.beans.property.SimpleStringProperty(this, "routerTestInput", "");
    private final ReadOnlyObjectWrapper<RouterTest> routerTest = new ReadOnlyObjectWrapper<>(this, "routerTest", RouterTest.EMPTY);
    private volatile Thread timer;
    private volatile Thread load;

    /** @param status receives the status bar's figures at every refresh (on the UI thread) */
    public DashboardViewModel(Engine engine, UiThread ui, Consumer<StatusFigures> status) {
        this.engine = engine;
        this.ui = ui;
        this.status = status;
        window.addListener((o, a, b) -> refreshSoon());
        routerTestInput.addListener((o, a, text) -> routerTest.set(testRoute(text)));
    }

    /** What the router test box holds; every change is routed at once (the heuristic takes microseconds). */
    public javafx.beans.property.StringProperty routerTestInputProperty() { return routerTestInput; }
    public ReadOnlyObjectProperty<RouterTest> routerTestProperty() { return routerTest.getReadOnlyProperty(); }

    public ObjectProperty<TimeWindow> windowProperty() { return window; }
    public ReadOnlyObjectProperty<DashboardFrame> frameProperty() { return frame.getReadOnlyProperty(); }
    public DashboardFrame frame() { return frame.get(); }
    /** The outcome of the last action (cache cleared, CSV written, ...), or a problem with it. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadRunningProperty() { return loadRunning.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty loadProgressProperty() { return loadProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty loadStatusProperty() { return loadStatus.getReadOnlyProperty(); }

    /** Starts the once-a-second refresh. */
    public void start() {
        if (timer != null) return;
        timer = Thread.ofVirtual().name("dashboard-timer").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    refresh();
                    Thread.sleep(1000);
                }
            } catch (InterruptedException stopped) {
                // stop() was called
            }
        });
    }

    public void stop() {
        Thread t = timer;
        timer = null;
        if (t != null) t.interrupt();
        cancelLoad();
    }

    private void refreshSoon() { Thread.ofVirtual().name("dashboard-refresh").start(this::refresh); }

    /** Reads the engine and hands one frame to the UI thread. Safe from any thread. */
    public void refresh() {
        try {
            DashboardFrame f = buildFrame(window.get());
            StatusFigures s = statusFigures();
            ui.run(() -> {
                frame.set(f);
                status.accept(s);
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard refresh failed", e);
        }
    }

    DashboardFrame buildFrame(TimeWindow w) {
        MetricsRegistry metrics = engine.metrics();
        Duration length = w.length() == null ? MetricsRegistry.DEFAULT_RETENTION : w.length();
        MetricsSnapshot snap = metrics.snapshot(length);
        List<MetricAggregate> history = List.of();
        if (w == TimeWindow.SINCE_START) {
            Instant oldest = snap.time().isEmpty() ? Instant.now() : snap.time().getFirst();
            history = metrics.history().load(Instant.EPOCH, oldest);
        }
        // Answers served but given up on their way to the database (it kept failing): normally 0.
        DashboardFrame base = FrameBuilder.build(snap, metrics.levels(), history, engine.providerHealth())
                .withKpi(CACHE_WRITES_LOST, Long.toString(engine.exactCache().droppedWrites()))
                .withKpi(SemanticPromise.KPI, SemanticPromise.of(engine.semantic().calibrations().snapshot()))
                .withKpi(SEMANTIC_ENTRIES, semanticEntries(engine.semantic().cache()))
                .withEndpoint(engine.endpointTraffic().snapshot(ENDPOINT_ROWS));
        var routing = engine.routingMetrics().snapshot(MetricsRegistry.DEFAULT_RETENTION);
        // The routing charts share the other charts' time axis (one point per second, or per stored aggregate).
        var times = new ArrayList<Instant>();
        for (MetricAggregate a : history) times.add(a.start());
        times.addAll(snap.time());
        var charts = new java.util.LinkedHashMap<>(base.charts());
        charts.putAll(RoutingCharts.build(routing, times));
        var kpis = new java.util.LinkedHashMap<>(base.kpis());
        kpis.putAll(RoutingCharts.kpis(routing));
        return new DashboardFrame(charts, kpis, base.health(), base.endpoint());
    }

    /** "1,234 · 0 evicted" (short: the KPI strip is narrow; the cap is in Settings). */
    static String semanticEntries(dev.cachet.engine.semantic.SemanticCache cache) {
        return String.format(java.util.Locale.ROOT, "%,d · %,d evicted", cache.size(), cache.evictions());
    }

    /**
     * The router test box: the decision the router's heuristic makes for {@code text} against the
     * connected schema, in microseconds, without a model call; when it is unsure, says which fallback
     * the pipeline would ask.
     */
    public RouterTest testRoute(String text) {
        if (text == null || text.isBlank()) return RouterTest.EMPTY;
        var routing = engine.routing();
        var d = routing.router().heuristic(text, routing.schema());
        var settings = routing.settings();
        String next = "";
        if (d.confidence() < settings.confidenceThreshold()) {
            next = settings.embeddings() ? "below " + settings.confidenceThreshold() + ": the pipeline would compare it with the routes' examples"
                    + (settings.llmFallback() ? ", then ask the LLM classifier" : "")
                    : settings.llmFallback() ? "below " + settings.confidenceThreshold() + ": the pipeline would ask the LLM classifier"
                    : "below " + settings.confidenceThreshold() + ", no fallback on: this guess stands";
        }
        return new RouterTest(d.route(), d.confidence(), d.reason(), d.decisionNanos() / 1000.0, next);
    }

    /** What the router test box shows. */
    public record RouterTest(String route, double confidence, String reason, double micros, String fallback) {
        public static final RouterTest EMPTY = new RouterTest("", 0, "", 0, "");
    }

    StatusFigures statusFigures() {
        TierStats cache = engine.exactCache().stats();
        var requests = engine.metrics().requests();
        long total = requests.values().stream().mapToLong(Long::longValue).sum();
        long hits = requests.getOrDefault(Outcome.EXACT_HIT, 0L) + requests.getOrDefault(Outcome.SEMANTIC_HIT, 0L);
        MetricsSnapshot last = engine.metrics().snapshot(Duration.ofSeconds(1));
        double rps = last.series().containsKey(MetricsSnapshot.REQUESTS_TOTAL) ? last.series(MetricsSnapshot.REQUESTS_TOTAL).last() : 0;
        return new StatusFigures(cache.entries(), cache.bytes(), rps, total == 0 ? null : (double) hits / total,
                engine.teamCache().orElse(null), engine.endpointTraffic().servingAt());
    }

    /** Where the OpenAI-compatible endpoint serves, or null while it is off. */
    public String endpointServingAt() { return engine.endpointTraffic().servingAt(); }

    /** What "Clear cache" offers: everything, or one model's entries. */
    public List<Namespace> namespaces() {
        var out = new ArrayList<Namespace>();
        out.add(new Namespace.All());
        for (var e : engine.providers().entries()) {
            var models = new java.util.LinkedHashSet<String>();
            models.add(e.defaultModel());
            models.addAll(e.knownModels());
            for (String m : models) out.add(new Namespace.Model(e.provider().id() + "/" + m));
        }
        return out;
    }

    /** Removes the namespace's entries (the view asks for confirmation first); completes with the count. */
    public CompletableFuture<Long> clearCache(Namespace ns) {
        var done = new CompletableFuture<Long>();
        Thread.ofVirtual().name("dashboard-clear").start(() -> {
            try {
                Engine.Cleared cleared = engine.clearCaches(ns);
                long removed = cleared.total();
                ui.run(() -> {
                    message.set("cleared " + cleared + " (" + ns + ")");
                    done.complete(removed);
                });
                refresh();
            } catch (RuntimeException e) {
                ui.run(() -> {
                    message.set("could not clear the cache: " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    /** The charts as CSV: one row per point, one column per line ("chart: line"). */
    public String csv() {
        DashboardFrame f = frame.get();
        var sb = new StringBuilder("seconds_from_newest");
        var columns = new ArrayList<double[]>();
        double[] x = null;
        for (ChartData c : f.charts().values()) {
            x = c.x();
            for (var line : c.lines().entrySet()) {
                sb.append(',').append(quote(c.title() + ": " + line.getKey() + " (" + c.unit() + ")"));
                columns.add(line.getValue());
            }
        }
        sb.append('\n');
        for (int i = 0; x != null && i < x.length; i++) {
            sb.append((long) x[i]);
            for (double[] col : columns) sb.append(',').append(String.format(Locale.ROOT, "%.6g", col[i]));
            sb.append('\n');
        }
        return sb.toString();
    }

    public void exportCsv(Path file) {
        try {
            Files.writeString(file, csv());
            message.set("wrote " + file);
        } catch (IOException e) {
            message.set("could not write " + file + ": " + e.getMessage());
        }
    }

    /**
     * Replays a workload (a JSONL file, or {@link #DEMO_WORKLOAD}) through the pipeline, {@code concurrency}
     * requests at a time, reporting progress; {@link #cancelLoad()} stops it.
     */
    public CompletableFuture<Void> startLoad(String location, int concurrency) {
        return runInBackground("dashboard-load", location, "replayed", () -> {
            String end;
            try {
                Workload w = new WorkloadParser().read(location);
                if (w.items().isEmpty()) {
                    end = location + ": no usable request" + (w.problems().isEmpty() ? "" : " (" + w.problems().getFirst() + ")");
                } else {
                    long total = w.items().size();
                    var result = new WorkloadRunner(engine.pipeline(), concurrency).run(w.items(), r -> r,
                            p -> ui.run(() -> {
                                loadProgress.set((double) p.done() / total);
                                loadStatus.set(String.format(Locale.ROOT, "%d / %d requests · %d from cache · %d errors",
                                        p.done(), total, p.cacheHits(), p.errors()));
                            }), Duration.ofMillis(250), failure -> { });
                    end = String.format(Locale.ROOT, "replayed %d requests in %.1f s · hit rate %.0f%% · %d errors",
                            result.requests(), result.wall().toMillis() / 1000.0, 100 * result.hitRate(), result.failures())
                            + (w.problems().isEmpty() ? "" : " · " + w.problems().size() + " malformed lines skipped");
                }
            } catch (InterruptedException e) {
                end = "load cancelled";
            } catch (IOException | RuntimeException e) {
                end = "load failed: " + e.getMessage();
            }
            return end;
        });
    }

    /**
     * Runs {@code work} (a replay or a warming) on a virtual thread with the load's progress bar and status;
     * its result is the status line at the end, and the bar shows full when that line starts with {@code success}.
     */
    private CompletableFuture<Void> runInBackground(String thread, String location, String success, java.util.function.Supplier<String> work) {
        var done = new CompletableFuture<Void>();
        if (loadRunning.get()) {
            done.complete(null);
            return done;
        }
        loadRunning.set(true);
        loadProgress.set(-1);
        loadStatus.set("reading " + location + "…");
        load = Thread.ofVirtual().name(thread).start(() -> {
            String text = work.get();
            ui.run(() -> {
                warming = null;
                loadRunning.set(false);
                loadProgress.set(text.startsWith(success) ? 1 : 0);
                loadStatus.set(text);
                done.complete(null);
            });
        });
        return done;
    }

    public void cancelLoad() {
        var w = warming;
        if (w != null) w.cancel();
        Thread t = load;
        if (t != null) t.interrupt();
    }

    private volatile dev.cachet.engine.pipeline.Cancellation warming;

    /**
     * Warms the caches from a warm file (a workload whose lines may carry "expect" checks): the prompts go
     * through the pipeline, under the providers' limits, and only answers that pass their checks are kept.
     * Progress and Cancel are those of the replay.
     */
    public CompletableFuture<Void> startWarm(String location, int concurrency) {
        if (loadRunning.get()) return CompletableFuture.completedFuture(null);
        var cancellation = new dev.cachet.engine.pipeline.Cancellation();
        warming = cancellation;
        return runInBackground("dashboard-warm", location, "warmed", () -> {
            String end;
            try {
                var file = new dev.cachet.engine.warm.WarmFile().read(location);
                if (file.items().isEmpty()) {
                    end = location + ": no usable prompt" + (file.problems().isEmpty() ? "" : " (" + file.problems().getFirst() + ")");
                } else {
                    long total = file.items().size();
                    var r = new dev.cachet.engine.warm.CacheWarmer(engine.pipeline(), concurrency).run(file.items(), cancellation,
                            p -> ui.run(() -> {
                                loadProgress.set((double) p.done() / total);
                                loadStatus.set(String.format(Locale.ROOT, "warming %d / %d · %d kept · %d rejected by their checks · %d already cached · %d failed",
                                        p.done(), total, p.kept(), p.rejected(), p.alreadyCached(), p.failed()));
                            }));
                    end = String.format(Locale.ROOT, "%s %d prompts: %d kept, %d rejected by their checks, %d already cached, %d failed",
                            r.cancelled() ? "warming cancelled after" : "warmed", r.kept() + r.rejected() + r.alreadyCached() + r.failed(),
                            r.kept(), r.rejected(), r.alreadyCached(), r.failed())
                            + (file.problems().isEmpty() ? "" : " · " + file.problems().size() + " malformed lines skipped");
                }
            } catch (InterruptedException e) {
                end = "warming cancelled";
            } catch (IOException | RuntimeException e) {
                end = "warming failed: " + e.getMessage();
            }
            return end;
        });
    }

    private static String quote(String s) { return '"' + s.replace("\"", "\"\"") + '"'; }
}
