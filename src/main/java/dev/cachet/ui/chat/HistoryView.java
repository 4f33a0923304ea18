package dev.cachet.ui.chat;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/** The conversation history beside the chat: search, list, open, export, delete. */
public final class HistoryView extends VBox {

    public HistoryView(HistoryViewModel vm) {
        super(8);
        getStyleClass().add("history");
        setPrefWidth(250);
        setMinWidth(200);

        var title = new Label("Conversations");
        title.getStyleClass().add("section-title");
        var search = new TextField();
        search.setId("historySearch");
        search.setPromptText("Search conversations");
        search.textProperty().bindBidirectional(vm.searchProperty());

        var list = new ListView<>(vm.entries());
        list.setId("historyList");
        var empty = new Label("No saved conversations yet. Ask something: each conversation is kept here to search and reopen.");
        empty.setWrapText(true); // the list is narrow: wrap rather than cut the hint
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.setPadding(new javafx.geometry.Insets(0, 12, 0, 12));
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new EntryCell());
        list.setOnMouseClicked(e -> {
            var selected = list.getSelectionModel().getSelectedItem();
            if (selected != null) vm.open(selected);
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        var md = new Button("Export .md…");
        md.setTooltip(new Tooltip("Export the selected conversation as Markdown"));
        md.setOnAction(e -> export(vm, list, HistoryViewModel.Format.MARKDOWN, "md"));
        var json = new Button("Export .json…");
        json.setTooltip(new Tooltip("Export the selected conversation as JSON"));
        json.setOnAction(e -> export(vm, list, HistoryViewModel.Format.JSON, "json"));
        var delete = new Button("Delete");
        delete.setOnAction(e -> {
            var selected = list.getSelectionModel().getSelectedItem();
            if (selected != null) vm.delete(selected);
        });
        for (Button b : new Button[] {md, json, delete}) {
            b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        }
        for (Button b : new Button[] {md, json, delete}) b.setMinWidth(Region.USE_PREF_SIZE);
        var buttons = new FlowPane(6, 6, md, json, delete);
        var message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("muted");

        getChildren().addAll(title, search, list, buttons, message);
        vm.refresh();
    }

    private void export(HistoryViewModel vm, ListView<HistoryEntry> list, HistoryViewModel.Format format, String ext) {
        var selected = list.getSelectionModel().getSelectedItem();
        if (selected == null) return;
        var chooser = new FileChooser();
        chooser.setInitialFileName(selected.title().replaceAll("[^A-Za-z0-9 _-]", "").strip().replace(' ', '-') + "." + ext);
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) vm.export(selected, format, f.toPath());
    }

    private static final class EntryCell extends ListCell<HistoryEntry> {
        private static final double TWO_LINES = 36;

        @Override protected void updateItem(HistoryEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            var title = new Label(item.title());
            title.setStyle("-fx-font-weight: bold");
            title.setWrapText(true); // two lines of the question tell conversations apart; one cut them to "How much does an exact ..."
            title.setMaxHeight(TWO_LINES);
            title.setTooltip(new javafx.scene.control.Tooltip(item.title()));
            var sub = new Label(item.snippet().isEmpty() ? item.subtitle() : item.snippet());
            sub.getStyleClass().add("muted");
            sub.setWrapText(!item.snippet().isEmpty());
            var box = new VBox(1, title, sub);
            box.setMaxWidth(210);
            setGraphic(box);
            setText(null);
        }
    }
}
