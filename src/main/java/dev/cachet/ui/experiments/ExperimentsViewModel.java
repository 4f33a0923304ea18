package dev.cachet.ui.experiments;

import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.Experiments;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.RunHandle;
import dev.cachet.engine.experiments.run.RunProgress;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.ui.fx.UiThread;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Experiments pane: the stored runs, a new run from an experiment file (the watched ones or any YAML
 * opened), the active run's progress with Cancel and Resume, the selected run's results (matrix, per-arm
 * figures, verdict), a cell's detail, two arms' outputs side by side, a comparison with an earlier run of
 * the same experiment, and export. Engine calls run on {@code work}; state changes reach the UI through
 * {@link UiThread}. Knows no {@code Node}.
 */
public final class ExperimentsViewModel {

    /** How often the active run's counters are read while it runs. */
    static final long PROGRESS_EVERY_MS = 250;

    private final Experiments experiments;
    private final UiThread ui;
    private final Executor work;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final StringProperty repeat = new SimpleStringProperty(this, "repeat", "");
    private final StringProperty concurrency = new SimpleStringProperty(this, "concurrency", "");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final ReadOnlyObjectWrapper<RunResults> results = new ReadOnlyObjectWrapper<>(this, "results");
    private final ReadOnlyObjectWrapper<ResultMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ReadOnlyObjectWrapper<CellDetail> cell = new ReadOnlyObjectWrapper<>(this, "cell");
    private final ReadOnlyObjectWrapper<Analysis> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ObservableList<RunRecord> earlierRuns = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private volatile RunHandle active;

    public ExperimentsViewModel(Experiments experiments, UiThread ui, Executor work) {
        this.experiments = experiments;
        this.ui = ui;
        this.work = work;
        selectedRun.addListener((o, before, after) -> {
            if (after != null && (before == null || before.id() != after.id())) load(after.id());
        });
        experiments.definitions().subscribe((set, notices) -> ui.run(this::refreshFiles));
    }

    public ObservableList<RunRecord> runs() { return runs; }
    public ObservableList<Path> files() { return files; }
    public ObjectProperty<RunRecord> selectedRunProperty() { return selectedRun; }
    public ObjectProperty<Path> fileProperty() { return file; }
    public StringProperty repeatProperty() { return repeat; }
    public StringProperty concurrencyProperty() { return concurrency; }
    public StringProperty modelProperty() { return model; }
    public ReadOnlyObjectProperty<RunResults> resultsProperty() { return results.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ResultMatrix> matrixProperty() { return matrix.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<CellDetail> cellProperty() { return cell.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Analysis> comparisonProperty() { return comparison.getReadOnlyProperty(); }
    public ObservableList<RunRecord> earlierRuns() { return earlierRuns; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** Starts watching the experiment files and reads the stored runs (the pane calls it when first shown). */
    public CompletableFuture<Void> open() {
        return CompletableFuture.runAsync(() -> {
            experiments.definitions().start();
            try {
                experiments.definitions().awaitLoaded(java.time.Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, work).thenRun(() -> ui.run(() -> {
            refreshFiles();
            refreshRuns();
        }));
    }

    /** Reloads the run list, keeping the selection by id. */
    public void refreshRuns() {
        List<RunRecord> all = experiments.store().runs();
        RunRecord keep = selectedRun.get();
        runs.setAll(all);
        if (keep != null) all.stream().filter(r -> r.id() == keep.id()).findFirst().ifPresent(r -> {
            selectedRun.set(r);
            if (r.done() != keep.done() || r.status() != keep.status()) load(r.id());
        });
    }

    private void refreshFiles() {
        var set = experiments.definitions().current();
        List<Path> paths = set.files().stream().map(f -> f.source().file()).filter(Objects::nonNull).distinct().toList();
        Path keep = file.get();
        var next = new java.util.ArrayList<Path>(paths);
        for (Path p : files) if (!next.contains(p) && (p.equals(keep) || opened.contains(p))) next.add(p);
        if (next.equals(files)) return; // replacing a combo box's items blanks its shown value: only when they change
        files.setAll(next);
        file.set(keep != null && next.contains(keep) ? keep : next.isEmpty() ? null : next.getFirst());
    }

    private final java.util.Set<Path> opened = new java.util.HashSet<>();

    /** Adds a YAML file opened from anywhere (a Cachet experiment or a promptfoo config) and selects it. */
    public void openFile(Path path) {
        opened.add(path);
        if (!files.contains(path)) files.add(path);
        file.set(path);
    }

    /** Why the form cannot start a run, or "". */
    public String formProblem() {
        if (file.get() == null) return "choose an experiment file";
        if (!positiveOrBlank(repeat.get())) return "repetitions: a whole number from 1";
        if (!positiveOrBlank(concurrency.get())) return "concurrency: a whole number from 1";
        return "";
    }

    private static boolean positiveOrBlank(String s) {
        if (s == null || s.isBlank()) return true;
        try {
            return Integer.parseInt(s.strip()) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Reads the chosen file with the form's overrides and starts a run of it. */
    public CompletableFuture<Long> start() {
        String problem = formProblem();
        if (!problem.isEmpty()) {
            error.set(problem);
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
        }
        if (active != null) return CompletableFuture.failedFuture(new IllegalStateException("a run is under way"));
        error.set("");
        Path path = file.get();
        String r = repeat.get();
        String c = concurrency.get();
        String m = model.get();
        return launch(() -> {
            ExperimentDefinition d = read(path);
            if (r != null && !r.isBlank()) d = d.withRepeat(Integer.parseInt(r.strip()));
            if (c != null && !c.isBlank()) d = d.withConcurrency(Integer.parseInt(c.strip()));
            if (m != null && !m.isBlank()) d = d.withModels(List.of(ModelTarget.parse(m)));
            return experiments.runner().start(d);
        });
    }

    /** Resumes the selected run: only the cells not stored (and those that failed to answer) run. */
    public CompletableFuture<Long> resume() {
        RunRecord r = selectedRun.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no run selected"));
        if (active != null) return CompletableFuture.failedFuture(new IllegalStateException("a run is under way"));
        error.set("");
        return launch(() -> experiments.runner().resume(r.id()));
    }

    /** Whether the selected run can be resumed now. */
    public boolean resumable(RunRecord r) {
        return r != null && active == null && r.resumable(experiments.store().clock().instant());
    }

    /** Cancels the active run: cells in flight stop, what finished stays stored. */
    public void cancel() {
        RunHandle h = active;
        if (h != null) {
            h.cancel();
            status.set("cancelling…");
        }
    }

    private interface Launch { RunHandle go() throws IOException; }

    private CompletableFuture<Long> launch(Launch how) {
        running.set(true);
        progress.set(0);
        progressText.set("starting…");
        var started = new CompletableFuture<Long>();
        work.execute(() -> {
            RunHandle h;
            try {
                h = how.go();
            } catch (IOException | RuntimeException e) {
                ui.run(() -> {
                    running.set(false);
                    progressText.set("");
                    error.set(e.getMessage());
                });
                started.completeExceptionally(e);
                return;
            }
            active = h;
            ui.run(() -> {
                refreshRuns();
                runs.stream().filter(x -> x.id() == h.runId()).findFirst().ifPresent(selectedRun::set);
                status.set("run #" + h.runId() + " under way");
            });
            watch(h);
            started.complete(h.runId());
        });
        return started;
    }

    /** Reads the counters on a timer while the run lasts, then shows how it ended. */
    private void watch(RunHandle h) {
        Thread.ofVirtual().name("experiment-progress-" + h.runId()).start(() -> {
            try {
                while (!h.done().isDone()) {
                    RunProgress p = h.progress();
                    ui.run(() -> showProgress(p));
                    Thread.sleep(PROGRESS_EVERY_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RunProgress last = h.progress();
            h.done().whenComplete((record, failure) -> ui.run(() -> {
                active = null;
                showProgress(last);
                running.set(false);
                status.set(failure != null ? "run #" + h.runId() + " stopped: " + failure.getMessage()
                        : "run #" + h.runId() + " " + record.statusAt(experiments.store().clock().instant()).name().toLowerCase(java.util.Locale.ROOT)
                        + (record.note() == null || record.note().equals("finished") ? "" : ": " + record.note()));
                refreshRuns();
                load(h.runId());
            }));
        });
    }

    private void showProgress(RunProgress p) {
        progress.set(p.fraction());
        progressText.set(p.describe());
        RunRecord r = selectedRun.get();
        if (r != null && r.id() == p.runId() && p.done() != shownDone) {
            shownDone = p.done();
            load(p.runId());
        }
    }

    private int shownDone = -1;

    /** Loads a run's results, its matrix and the earlier runs of its experiment. */
    public void load(long runId) {
        CompletableFuture<RunResults> reading;
        try {
            reading = CompletableFuture.supplyAsync(() -> RunResults.load(experiments.store(), runId), work);
        } catch (java.util.concurrent.RejectedExecutionException paneClosed) {
            return; // a run's last progress can arrive after the window closed: nothing is left to show it in
        }
        reading.whenComplete((res, failure) -> ui.run(() -> {
            if (failure != null) {
                error.set("cannot read run " + runId + ": " + rootMessage(failure));
                return;
            }
            RunRecord sel = selectedRun.get();
            if (sel != null && sel.id() != runId) return; // another run was chosen meanwhile
            boolean sameRun = results.get() != null && results.get().run().id() == runId;
            results.set(res);
            matrix.set(ResultMatrix.of(res));
            if (!sameRun) {
                cell.set(null);
                comparison.set(null);
            } else if (cell.get() != null) {
                CellDetail c = cell.get();
                openCell(c.arm(), c.caseIndex(), c.rep());
            }
            earlierRuns.setAll(runs.stream().filter(r -> r.id() != runId && r.experimentId().equals(res.run().experimentId())).toList());
        }));
    }

    /** Opens one cell: its output, each assertion's result and reason, its trace. */
    public void openCell(int arm, int caseIndex, int rep) {
        RunResults r = results.get();
        if (r == null) return;
        cell.set(CellDetail.of(r, arm, caseIndex, rep));
    }

    /** Two arms' outputs for one case (first repetition), side by side. */
    public OutputDiff diff(int caseIndex, int armA, int armB) {
        RunResults r = results.get();
        if (r == null) return OutputDiff.of("", "");
        var a = r.cell(armA, caseIndex, 0);
        var b = r.cell(armB, caseIndex, 0);
        return OutputDiff.of(a == null ? "" : a.output(), b == null ? "" : b.output());
    }

    /** Compares the open run with an earlier run of the same experiment; the result lands in {@link #comparisonProperty()}. */
    public CompletableFuture<Analysis> compareWith(RunRecord earlier) {
        RunResults now = results.get();
        if (now == null || earlier == null) return CompletableFuture.completedFuture(null);
        return CompletableFuture.supplyAsync(() -> now.compareWith(RunResults.load(experiments.store(), earlier.id())), work)
                .whenComplete((a, failure) -> ui.run(() -> {
                    if (failure != null) error.set("cannot compare: " + rootMessage(failure));
                    else comparison.set(a);
                }));
    }

    /** Writes the open run as CSV, JSON or a self-contained HTML report. */
    public CompletableFuture<Path> export(ReportFormat format, Path target) {
        RunResults r = results.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no run open"));
        return CompletableFuture.supplyAsync(() -> {
            try {
                Files.writeString(target, format.write(r));
                return target;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }, work).whenComplete((p, failure) -> ui.run(() -> {
            if (failure != null) error.set(rootMessage(failure));
            else status.set("wrote " + p);
        }));
    }

    private ExperimentDefinition read(Path path) throws IOException {
        var parsed = experiments.read(path);
        return switch (parsed) {
            case DefinitionKind.Parsed.Valid<ExperimentDefinition> v -> v.value();
            case DefinitionKind.Parsed.Invalid<ExperimentDefinition> inv -> throw new IllegalArgumentException(
                    String.join("\n", inv.problems().stream().map(Object::toString).toList()));
        };
    }

    private static String rootMessage(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
