package dev.cachet.ui.dashboard;

import dev.cachet.engine.experiments.live.LiveReport;
import dev.cachet.engine.experiments.live.LiveSplit;
import dev.cachet.engine.experiments.live.SplitPromotion;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Dashboard's live A/B: for every template with a split, its variants' live figures and verdict
 * (refreshed on the dashboard's timer), and Promote, which gives the chosen variant all the traffic in the
 * template's YAML file (the templates' watcher then reloads it).
 */
public final class LiveSplitViewModel {

    private final LiveSplit split;
    private final TemplateLibrary templates;
    private final UiThread ui;
    private final Executor work;
    private final ObservableList<LiveReport> reports = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public LiveSplitViewModel(LiveSplit split, TemplateLibrary templates, UiThread ui, Executor work) {
        this.split = split;
        this.templates = templates;
        this.ui = ui;
        this.work = work;
    }

    public ObservableList<LiveReport> reports() { return reports; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Reads every split template's answers so far (off the UI thread). */
    public CompletableFuture<Void> refresh() {
        return CompletableFuture.supplyAsync(() -> {
            var out = new ArrayList<LiveReport>();
            for (PromptTemplate t : templates.loaded().values()) {
                if (!t.split().isEmpty()) out.add(split.report(t.id(), List.copyOf(t.split().keySet())));
            }
            return out;
        }, work).handle((out, failure) -> {
            ui.run(() -> {
                if (failure != null) message.set("cannot read the live A/B: " + (failure.getCause() != null ? failure.getCause() : failure));
                else reports.setAll(out);
            });
            return null;
        });
    }

    /** Sets {@code variant}'s weight to 1 and every other's to 0 in the template's file. */
    public CompletableFuture<Void> promote(String templateId, String variant) {
        return CompletableFuture.runAsync(() -> {
            Path file = templates.loaded().get(templateId).map(e -> e.source().file()).orElseThrow(() ->
                    new IllegalArgumentException("template '" + templateId + "' is built in (no file to change): copy it into your templates folder first"));
            try {
                SplitPromotion.promote(file, variant);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
            }
            ui.run(() -> message.set("promoted " + variant + " in " + file + ": it now gets all of " + templateId + "'s traffic"));
        }, work).whenComplete((v, failure) -> {
            if (failure != null) ui.run(() -> message.set("cannot promote: " + (failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage())));
        });
    }
}
