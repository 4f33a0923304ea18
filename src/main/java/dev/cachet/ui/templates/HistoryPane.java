package dev.cachet.ui.templates;

import dev.cachet.engine.templates.TemplateDiff;
import dev.cachet.engine.templates.TemplateVersion;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Versions of the open template, newest first, and the diff between the two chosen. */
final class HistoryPane extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    HistoryPane(TemplateVersionsViewModel vm) {
        super(8);
        getStyleClass().add("template-tab");
        var list = new ListView<>(vm.versions());
        list.setId("historyList");
        list.setPrefHeight(140);
        list.setMinHeight(80);
        var empty = new Label("No versions recorded yet: each saved change to the file (Ctrl+S) records one.");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(TemplateVersion t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : describe(t));
            }
        });
        var from = versionBox(vm);
        from.setId("diffFrom");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        var to = versionBox(vm);
        to.setId("diffTo");
        to.valueProperty().bindBidirectional(vm.toProperty());
        var pick = new GridPane();
        pick.getStyleClass().add("form");
        pick.addRow(0, new Label("From"), from);
        pick.addRow(1, new Label("To"), to);

        var diff = new ListView<>(vm.diff());
        diff.setId("diffView");
        diff.getStyleClass().add("diff-view");
        diff.setPlaceholder(new Label("Pick two versions to compare"));
        diff.setCellFactory(v -> new DiffCell());
        VBox.setVgrow(diff, Priority.ALWAYS);
        var title = new Label("Versions");
        title.getStyleClass().add("section-title");
        var diffTitle = new Label("Diff");
        diffTitle.getStyleClass().add("section-title");
        getChildren().addAll(title, list, pick, diffTitle, diff);
    }

    private static ComboBox<TemplateVersion> versionBox(TemplateVersionsViewModel vm) {
        var box = new ComboBox<>(vm.versions());
        box.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(box, Priority.ALWAYS);
        box.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(TemplateVersion t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : describe(t));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        return box;
    }

    private static String describe(TemplateVersion t) {
        return t.version() + "  first seen " + WHEN.format(t.firstSeen()) + ", last " + WHEN.format(t.lastSeen());
    }

    private static final class DiffCell extends ListCell<TemplateDiff.Line> {
        @Override protected void updateItem(TemplateDiff.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-added", "diff-removed", "diff-hunk");
            if (empty || line == null) {
                setText(null);
                return;
            }
            String mark = switch (line.kind()) {
                case ADDED -> "+ ";
                case REMOVED -> "- ";
                case SAME -> "  ";
                case HUNK -> "";
            };
            setText(mark + line.text());
            switch (line.kind()) {
                case ADDED -> getStyleClass().add("diff-added");
                case REMOVED -> getStyleClass().add("diff-removed");
                case HUNK -> getStyleClass().add("diff-hunk");
                case SAME -> { }
            }
        }
    }
}
