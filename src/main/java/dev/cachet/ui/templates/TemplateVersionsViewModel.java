package dev.cachet.ui.templates;

import dev.cachet.engine.templates.TemplateDiff;
import dev.cachet.engine.templates.TemplateVersion;
import dev.cachet.engine.templates.TemplateVersions;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.Executor;

/** History: every version of the open template Cachet has seen, and the diff between any two. */
public final class TemplateVersionsViewModel {

    private final TemplateVersions store;
    private final UiThread ui;
    private final Executor background;
    private final ObservableList<TemplateVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<TemplateVersion> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<TemplateVersion> to = new SimpleObjectProperty<>(this, "to");
    private final ObservableList<TemplateDiff.Line> diff = FXCollections.observableArrayList();
    private String templateId;

    /** @param store the history, or null when none is kept (then the list stays empty) */
    TemplateVersionsViewModel(TemplateVersions store, UiThread ui, Executor background) {
        this.store = store;
        this.ui = ui;
        this.background = background;
        from.addListener((o, a, b) -> compare());
        to.addListener((o, a, b) -> compare());
    }

    /** Newest first. */
    public ObservableList<TemplateVersion> versions() { return versions; }
    public ObjectProperty<TemplateVersion> fromProperty() { return from; }
    public ObjectProperty<TemplateVersion> toProperty() { return to; }
    /** From {@code from} to {@code to}: removed and added lines with a little context. */
    public ObservableList<TemplateDiff.Line> diff() { return diff; }

    void show(String id) {
        templateId = id;
        refresh();
    }

    void refresh() {
        String id = templateId;
        if (store == null || id == null) {
            versions.clear();
            return;
        }
        background.execute(() -> {
            List<TemplateVersion> list = store.history(id);
            ui.run(() -> {
                if (!id.equals(templateId)) return;
                boolean same = list.equals(versions);
                if (same) return;
                versions.setAll(list);
                // Default: what the newest version changed.
                to.set(list.isEmpty() ? null : list.getFirst());
                from.set(list.size() < 2 ? null : list.get(1));
            });
        });
    }

    private void compare() {
        TemplateVersion a = from.get();
        TemplateVersion b = to.get();
        if (a == null || b == null) {
            diff.clear();
            return;
        }
        diff.setAll(TemplateDiff.between(a.content(), b.content(), 3));
    }
}
