package dev.cachet.ui.templates;

import dev.cachet.engine.templates.VariableType;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The form built from the declared variables, and the messages each variant renders to with it. */
final class PreviewPane extends ScrollPane {

    private final TemplatePreviewViewModel vm;
    private final GridPane form = new GridPane();
    private final VBox rendered = new VBox(10);

    PreviewPane(TemplatePreviewViewModel vm) {
        this.vm = vm;
        form.getStyleClass().add("form");
        form.setId("previewForm");
        rendered.setId("previewVariants");
        var variablesTitle = new Label("Variables");
        variablesTitle.getStyleClass().add("section-title");
        var renderedTitle = new Label("Rendered messages");
        renderedTitle.getStyleClass().add("section-title");
        var box = new VBox(6, variablesTitle, form, renderedTitle, rendered);
        box.getStyleClass().add("template-tab");
        setContent(box);
        setFitToWidth(true);
        vm.inputs().addListener((ListChangeListener<VariableInput>) c -> buildForm());
        vm.templateProperty().addListener((o, a, b) -> buildForm());
        vm.previews().addListener((ListChangeListener<VariantPreview>) c -> showPreviews());
        buildForm();
        showPreviews();
    }

    private void buildForm() {
        form.getChildren().clear();
        int row = 0;
        for (VariableInput in : vm.inputs()) {
            var label = new Label(in.label());
            label.setMinWidth(120);
            label.setWrapText(true);
            Node field = field(in);
            GridPane.setHgrow(field, Priority.ALWAYS);
            form.addRow(row++, label, field);
            String description = in.variable().description();
            if (description != null) {
                Tooltip.install(label, new Tooltip(description));
                var hint = new Label(description);
                hint.getStyleClass().addAll("muted", "field-message");
                hint.setWrapText(true);
                form.add(hint, 1, row++);
            }
        }
        if (vm.inputs().isEmpty()) {
            var none = new Label(vm.templateProperty().get() == null ? "Open a template from the list to fill in its variables here."
                    : "This template declares no variables.");
            none.setWrapText(true);
            none.getStyleClass().add("muted");
            form.addRow(0, none);
        }
    }

    /** A check box for booleans, a text area for lists, objects and long text, else a line. */
    private static Node field(VariableInput in) {
        if (in.type() == VariableType.BOOLEAN) {
            var box = new CheckBox();
            box.setId("var-" + in.name());
            box.setSelected("true".equalsIgnoreCase(in.textProperty().get()));
            box.selectedProperty().addListener((o, a, b) -> in.textProperty().set(String.valueOf(b)));
            return box;
        }
        TextInputControl input;
        if (in.multiline()) {
            var area = new TextArea();
            area.setPrefRowCount(in.type() == VariableType.STRING ? 3 : 5);
            area.setWrapText(true);
            area.getStyleClass().add("code-text");
            input = area;
        } else {
            input = new TextField();
        }
        input.setId("var-" + in.name());
        input.setPromptText(in.variable().required() ? "required" : "optional" + (in.type() == VariableType.NUMBER ? " number" : ""));
        input.textProperty().bindBidirectional(in.textProperty());
        return input;
    }

    private void showPreviews() {
        rendered.getChildren().clear();
        for (VariantPreview p : vm.previews()) {
            var title = new Label("Variant " + p.variant());
            title.getStyleClass().add("card-title");
            var card = new VBox(4, title);
            card.getStyleClass().add("card");
            if (p.error() != null) {
                var error = new Label(p.error());
                error.setWrapText(true);
                error.getStyleClass().add("error-text");
                card.getChildren().add(error);
            } else {
                var text = new TextArea(p.text());
                text.setEditable(false);
                text.setWrapText(true);
                text.getStyleClass().add("code-text");
                text.setPrefRowCount((int) Math.min(14, Math.max(3, p.text().lines().count() + 1)));
                card.getChildren().add(text);
                for (String w : p.warnings()) {
                    var warning = new Label(w);
                    warning.setWrapText(true);
                    warning.getStyleClass().add("notice-text");
                    card.getChildren().add(warning);
                }
            }
            rendered.getChildren().add(card);
        }
    }
}
