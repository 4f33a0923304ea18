package dev.cachet.ui.templates;

import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.TemplateException;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.engine.templates.Variable;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Preview: a form built from the open template's declared variables (typed, defaults and examples
 * filled in) and, as values change, every variant rendered with them — from the editor's text, so
 * unsaved edits show at once.
 */
public final class TemplatePreviewViewModel {

    private final TemplateLibrary library;
    private final ReadOnlyObjectProperty<PromptTemplate> template;
    private final ReadOnlyStringProperty source;
    private final UiThread ui;
    private final Executor background;
    private final ObservableList<VariableInput> inputs = FXCollections.observableArrayList();
    private final ObservableList<VariantPreview> previews = FXCollections.observableArrayList();
    private List<Variable> declared = List.of();
    private volatile long generation;

    TemplatePreviewViewModel(TemplateLibrary library, ReadOnlyObjectProperty<PromptTemplate> template, ReadOnlyStringProperty source,
                             UiThread ui, Executor background) {
        this.library = library;
        this.template = template;
        this.source = source;
        this.ui = ui;
        this.background = background;
        template.addListener((o, a, b) -> templateChanged(b));
    }

    public ObservableList<VariableInput> inputs() { return inputs; }
    /** The open template; null when none is. */
    public ReadOnlyObjectProperty<PromptTemplate> templateProperty() { return template; }
    public ObservableList<VariantPreview> previews() { return previews; }

    /** The form's values as the template receives them; empty fields are left out (defaults apply). */
    public Map<String, Object> values() {
        var out = new LinkedHashMap<String, Object>();
        for (VariableInput in : inputs) {
            Object v = in.value();
            if (v != null) out.put(in.name(), v);
        }
        return out;
    }

    private void templateChanged(PromptTemplate t) {
        List<Variable> now = t == null ? List.of() : List.copyOf(t.variables().values());
        if (!now.equals(declared)) {
            Map<String, String> typed = new HashMap<>();
            for (VariableInput in : inputs) typed.put(in.name() + ":" + in.type(), in.textProperty().get());
            var fresh = new ArrayList<VariableInput>();
            for (Variable v : now) {
                String kept = typed.get(v.name() + ":" + v.type());
                var input = new VariableInput(v, kept != null ? kept : VariableInput.format(v.initialValue()));
                input.textProperty().addListener((o, a, b) -> render());
                fresh.add(input);
            }
            declared = now;
            inputs.setAll(fresh);
        }
        render();
    }

    /** Renders every variant with the form's values (in the background; the newest request wins). */
    public void render() {
        PromptTemplate t = template.get();
        if (t == null) {
            previews.clear();
            return;
        }
        Map<String, Object> values = values();
        String name = source.get();
        long g = ++generation;
        background.execute(() -> {
            if (g != generation) return;
            var out = new ArrayList<VariantPreview>();
            for (String variant : t.variantNames()) {
                try {
                    var r = library.render(t, name, variant, values);
                    out.add(new VariantPreview(variant, r.text(), null, r.warnings()));
                } catch (TemplateException e) {
                    out.add(new VariantPreview(variant, null, e.getMessage(), List.of()));
                }
            }
            ui.run(() -> { if (g == generation) previews.setAll(out); });
        });
    }
}
