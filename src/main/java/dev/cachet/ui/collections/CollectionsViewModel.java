package dev.cachet.ui.collections;

import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.retrieval.CollectionInfo;
import dev.cachet.engine.retrieval.IngestProgress;
import dev.cachet.engine.retrieval.IngestReport;
import dev.cachet.engine.retrieval.Retrieval;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Collections pane: the list of collections, add one from a folder or files, ingest the selected
 * one with progress and Cancel, watch on/off, remove. Ingests started elsewhere (a watched folder, the
 * CLI in this data dir) show their progress here too. Engine calls run on virtual threads; results
 * reach the UI through {@link UiThread}.
 */
public final class CollectionsViewModel {

    private final Retrieval retrieval;
    private final UiThread ui;
    private final ObservableList<CollectionInfo> collections = FXCollections.observableArrayList();
    private final ObjectProperty<CollectionInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper ingesting = new ReadOnlyBooleanWrapper(this, "ingesting");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private volatile Cancellation current;

    public CollectionsViewModel(Retrieval retrieval, UiThread ui) {
        this.retrieval = retrieval;
        this.ui = ui;
        retrieval.addListener(new Retrieval.Listener() {
            @Override public void progress(IngestProgress p) { ui.run(() -> showProgress(p)); }
            @Override public void finished(IngestReport r) { ui.run(() -> showFinished(r)); }
            @Override public void changed() { ui.run(CollectionsViewModel.this::refresh); }
        });
        refresh();
    }

    public ObservableList<CollectionInfo> collections() { return collections; }
    public ObjectProperty<CollectionInfo> selectedProperty() { return selected; }
    public ReadOnlyBooleanProperty ingestingProperty() { return ingesting.getReadOnlyProperty(); }
    public boolean ingesting() { return ingesting.get(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** Reloads the list, keeping the selection by name. */
    public void refresh() {
        String keep = selected.get() == null ? null : selected.get().name();
        collections.setAll(retrieval.list());
        selected.set(collections.stream().filter(c -> c.name().equals(keep)).findFirst()
                .orElse(collections.isEmpty() ? null : collections.getFirst()));
    }

    /** Why a name cannot be used, or "" when it can. */
    public String nameProblem(String name) {
        if (name == null || name.isBlank()) return "a name is needed";
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) return "letters, digits, '.', '_' or '-' only, starting with a letter or digit";
        if (collections.stream().anyMatch(c -> c.name().equals(name))) return "a collection named '" + name + "' exists already";
        return "";
    }

    /** Creates a collection from folders or files and starts its first ingest. */
    public CompletableFuture<IngestReport> add(String name, List<Path> sources) {
        error.set("");
        try {
            retrieval.create(name, sources);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        refresh();
        collections.stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(selected::set);
        return ingestSelected();
    }

    /** Re-ingests the selected collection (only new and changed files are read). */
    public CompletableFuture<IngestReport> ingestSelected() {
        CollectionInfo c = selected.get();
        if (c == null || ingesting.get()) return CompletableFuture.completedFuture(null);
        var cancel = new Cancellation();
        current = cancel;
        ingesting.set(true);
        progress.set(-1);
        status.set("starting " + c.name() + " …");
        error.set("");
        var done = new CompletableFuture<IngestReport>();
        VirtualThreads.factory("ingest-ui").newThread(() -> {
            try {
                IngestReport report = retrieval.ingest(c.name(), p -> { }, cancel);
                ui.run(() -> {
                    ingesting.set(false);
                    done.complete(report);
                });
            } catch (InterruptedException | RuntimeException e) {
                ui.run(() -> {
                    ingesting.set(false);
                    error.set("ingest of " + c.name() + " failed: " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        }).start();
        return done;
    }

    /** Stops the ingest under way after the file it is reading; what was done stays done. */
    public void cancel() {
        Cancellation c = current;
        if (c != null) c.cancel();
    }

    public void watch(boolean on) {
        CollectionInfo c = selected.get();
        if (c == null || c.watch() == on) return;
        try {
            retrieval.watch(c.name(), on);
        } catch (java.io.IOException | RuntimeException e) {
            error.set("cannot watch " + c.name() + ": " + e.getMessage());
        }
        refresh();
    }

    public void removeSelected() {
        CollectionInfo c = selected.get();
        if (c == null) return;
        retrieval.remove(c.name());
        refresh();
    }

    private void showProgress(IngestProgress p) {
        progress.set(p.filesTotal() == 0 ? -1 : p.fraction());
        status.set(p.collection() + ": " + p.describe());
    }

    private void showFinished(IngestReport r) {
        progress.set(1);
        status.set(r.collection() + ": " + r.summary());
        refresh();
    }
}
