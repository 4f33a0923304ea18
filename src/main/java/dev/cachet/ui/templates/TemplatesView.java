package dev.cachet.ui.templates;

import dev.cachet.engine.definitions.Problem;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Templates pane: folders, templates and variants on the left with a filter; the YAML editor in
 * the middle with its problems; Preview, Run and History on the right. Ctrl+S saves while it shows.
 */
public final class TemplatesView extends BorderPane {

    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private final TemplatesViewModel vm;
    private final YamlEditor editor = new YamlEditor();

    public TemplatesView(TemplatesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("templates-view");
        setTop(toolbar());
        var split = new SplitPane(new TemplateTreeView(vm, this::confirmDiscard), editorColumn(), tabs());
        split.setDividerPositions(0.18, 0.58);
        SplitPane.setResizableWithParent(split.getItems().getFirst(), false);
        setCenter(split);
        dev.cachet.ui.fx.PaneShortcut.whileShown(this, SAVE, vm::save);
    }

    private HBox toolbar() {
        var title = new Label("Templates");
        title.getStyleClass().add("pane-title");
        var file = new Label();
        file.setId("templateFile");
        file.getStyleClass().add("muted");
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.openSource() == null ? "no template open"
                : vm.openSource() + (vm.dirty() ? "  ●  unsaved" : ""), vm.openSourceProperty(), vm.dirtyProperty()));
        var message = new Label();
        message.setId("templateMessage");
        message.getStyleClass().add("notice-text");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(0);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var create = new Button("New…");
        create.setId("newTemplate");
        create.setTooltip(new Tooltip("A new template file in " + vm.folders().getFirst()));
        create.setOnAction(e -> {
            var ask = new TextInputDialog("my-template");
            ask.setTitle("New template");
            ask.setHeaderText("Id of the new template (also its file name)");
            ask.initOwner(getScene().getWindow());
            ask.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
            ask.showAndWait().ifPresent(vm::create);
        });
        var save = new Button("Save");
        save.setId("saveTemplate");
        save.getStyleClass().add("primary");
        save.setTooltip(new Tooltip("Write the file (Ctrl+S); the pipeline serves it within a second"));
        save.disableProperty().bind(vm.dirtyProperty().not());
        save.setOnAction(e -> vm.save());
        for (var b : new Button[] {create, save}) b.setMinWidth(Region.USE_PREF_SIZE);
        var bar = new HBox(12, title, file, message, spacer, create, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("templates-toolbar");
        return bar;
    }

    private VBox editorColumn() {
        editor.area().textProperty().addListener((o, a, b) -> { if (!b.equals(vm.textProperty().get())) vm.textProperty().set(b); });
        vm.textProperty().addListener((o, a, b) -> editor.setText(b));
        vm.openSourceProperty().addListener((o, a, b) -> editor.load(vm.textProperty().get()));
        editor.load(vm.textProperty().get());

        var problems = new ListView<>(vm.problems());
        problems.setId("templateProblems");
        problems.setPrefHeight(110);
        problems.setMinHeight(60);
        problems.setPlaceholder(new Label("No problems"));
        problems.setCellFactory(v -> new ProblemCell());
        problems.setOnMouseClicked(e -> {
            Problem p = problems.getSelectionModel().getSelectedItem();
            if (p != null) editor.goTo(p);
        });
        vm.problems().addListener((ListChangeListener<Problem>) c -> editor.showProblems(vm.problems()));

        VBox.setVgrow(editor, Priority.ALWAYS);
        var box = new VBox(banner(), editor, problems);
        box.getStyleClass().add("editor-column");
        return box;
    }

    /** Shown when the open file changed on disk while the editor has unsaved edits. */
    private HBox banner() {
        var text = new Label();
        text.textProperty().bind(vm.externalChangeProperty());
        text.setWrapText(true);
        var reload = new Button("Reload from disk");
        reload.setId("reloadFromDisk");
        reload.setOnAction(e -> vm.reloadFromDisk());
        var keep = new Button("Keep my edits");
        keep.setId("keepMine");
        keep.setOnAction(e -> vm.keepMine());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, text, spacer, reload, keep);
        bar.setId("externalChangeBanner");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("change-banner");
        bar.visibleProperty().bind(vm.externalChangeProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private TabPane tabs() {
        var preview = new Tab("Preview", new PreviewPane(vm.preview()));
        var run = new Tab("Run", new RunPane(vm));
        var history = new Tab("History", new HistoryPane(vm.versions()));
        var tabs = new TabPane(preview, run, history);
        tabs.setId("templateTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinWidth(320);
        return tabs;
    }

    /** Asks before unsaved edits are dropped; true when it is fine to go on. */
    private boolean confirmDiscard() {
        if (!vm.hasUnsavedEdits()) return true;
        var alert = new Alert(Alert.AlertType.CONFIRMATION, "Your edits to " + vm.openSource() + " are not saved.",
                new ButtonType("Discard edits", ButtonType.OK.getButtonData()), ButtonType.CANCEL);
        alert.setHeaderText("Open another template?");
        alert.initOwner(getScene().getWindow());
        alert.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        return alert.showAndWait().filter(b -> b.getButtonData() == ButtonType.OK.getButtonData()).isPresent();
    }

    /** A problem as one line: where, and what. */
    private static final class ProblemCell extends ListCell<Problem> {
        @Override protected void updateItem(Problem p, boolean empty) {
            super.updateItem(p, empty);
            getStyleClass().removeAll("problem-error", "problem-warning");
            if (empty || p == null) {
                setText(null);
                return;
            }
            setText("line " + p.at().line() + ", column " + p.at().column() + ": " + (p.isError() ? "" : "warning: ") + p.message());
            getStyleClass().add(p.isError() ? "problem-error" : "problem-warning");
        }
    }

}
