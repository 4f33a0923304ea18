package dev.cachet.ui.templates;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.BooleanSupplier;

/** Folders, templates and variants with a filter box; a marker on files with errors or warnings. */
final class TemplateTreeView extends VBox {

    private final TemplatesViewModel vm;
    private final TreeView<TreeEntry> tree = new TreeView<>(new TreeItem<>());
    private boolean rebuilding;

    TemplateTreeView(TemplatesViewModel vm, BooleanSupplier mayLeave) {
        super(6);
        this.vm = vm;
        getStyleClass().add("template-sidebar");
        setMinWidth(180);
        var filter = new TextField();
        filter.setId("templateFilter");
        filter.setPromptText("Filter templates");
        filter.setTooltip(new javafx.scene.control.Tooltip("Matches a template's id, tags, folder or variant names"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        tree.setId("templateTree");
        tree.setShowRoot(false);
        tree.setCellFactory(v -> new EntryCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (rebuilding || b == null) return;
            TreeEntry e = b.getValue();
            boolean other = e.source() != null && !e.source().equals(vm.openSource());
            if (other && !mayLeave.getAsBoolean()) {
                rebuilding = true;
                tree.getSelectionModel().select(a);
                rebuilding = false;
                return;
            }
            vm.open(e);
        });
        vm.tree().addListener((ListChangeListener<TreeEntry>) c -> rebuild());
        vm.openSourceProperty().addListener((o, a, b) -> reselect());
        vm.openVariantProperty().addListener((o, a, b) -> reselect());
        rebuild();
        getChildren().addAll(filter, tree);
    }

    private void rebuild() {
        rebuilding = true;
        try {
            TreeItem<TreeEntry> root = new TreeItem<>();
            add(root, vm.tree());
            tree.setRoot(root);
            select(root);
        } finally {
            rebuilding = false;
        }
    }

    private void reselect() {
        rebuilding = true;
        try {
            select(tree.getRoot());
        } finally {
            rebuilding = false;
        }
    }

    private static void add(TreeItem<TreeEntry> parent, List<TreeEntry> entries) {
        for (TreeEntry e : entries) {
            var item = new TreeItem<>(e);
            item.setExpanded(true);
            add(item, e.children());
            parent.getChildren().add(item);
        }
    }

    /** Keeps the open file (and variant) selected across rebuilds. */
    private boolean select(TreeItem<TreeEntry> item) {
        TreeEntry e = item.getValue();
        if (e != null && e.source() != null && e.source().equals(vm.openSource())
                && java.util.Objects.equals(e.variant(), vm.openVariantProperty().get())) {
            tree.getSelectionModel().select(item);
            return true;
        }
        for (TreeItem<TreeEntry> child : item.getChildren()) if (select(child)) return true;
        return false;
    }

    private static final class EntryCell extends TreeCell<TreeEntry> {
        @Override protected void updateItem(TreeEntry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeAll("tree-folder", "tree-template", "tree-variant");
            setTooltip(null);
            if (empty || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(e.label());
            getStyleClass().add("tree-" + e.kind().name().toLowerCase(java.util.Locale.ROOT));
            Label mark = null;
            if (e.kind() == TreeEntry.Kind.TEMPLATE && e.state() != TreeEntry.State.OK) {
                mark = new Label(switch (e.state()) {
                    case WARNINGS -> "▲";
                    case STALE, BROKEN, DUPLICATE -> "●";
                    case OK -> "";
                });
                mark.getStyleClass().add(e.state() == TreeEntry.State.WARNINGS ? "line-marker-warning" : "line-marker-error");
            }
            setGraphic(mark);
            if (e.detail() != null && !e.detail().isEmpty()) setTooltip(new Tooltip(e.detail()));
        }
    }
}
