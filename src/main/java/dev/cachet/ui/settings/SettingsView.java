package dev.cachet.ui.settings;

import dev.cachet.ui.shell.Theme;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** Settings pane: theme, providers, cache, data directory. */
public final class SettingsView extends ScrollPane {

    public SettingsView(SettingsViewModel vm) {
        var title = new Label("Settings");
        title.getStyleClass().add("pane-title");
        var box = new VBox(14, title, themeCard(vm), providersCard(vm), cacheCard(vm));
        box.setStyle("-fx-padding: 20");
        setContent(box);
        setFitToWidth(true);
    }

    private static VBox themeCard(SettingsViewModel vm) {
        var group = new ToggleGroup();
        var row = new HBox(16);
        for (Theme t : vm.themeChoices()) {
            var rb = new RadioButton(t.label());
            rb.setId("theme-" + t.name().toLowerCase(java.util.Locale.ROOT));
            rb.setToggleGroup(group);
            rb.setUserData(t);
            rb.setSelected(vm.themeProperty().get() == t);
            row.getChildren().add(rb);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> { if (b != null) vm.themeProperty().set((Theme) b.getUserData()); });
        vm.themeProperty().addListener((o, a, b) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == b).findFirst().ifPresent(t -> t.setSelected(true)));
        var note = new Label("Themes are read from " + vm.themeFolders() + " (else the built-in copies). "
                + "A user.css there (" + vm.userCss() + ") is applied on top; edits show up live.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        return card("Theme", row, note);
    }

    private static VBox providersCard(SettingsViewModel vm) {
        var table = new TableView<>(vm.providers());
        table.setId("providersTable");
        table.getColumns().add(column("Provider", ProviderRow::id, 90));
        table.getColumns().add(column("Kind", ProviderRow::kind, 90));
        table.getColumns().add(column("Base URL", ProviderRow::baseUrl, 210));
        table.getColumns().add(column("API key from env var", ProviderRow::keyStatus, 230));
        var models = new TableColumn<ProviderRow, String>("Models");
        models.setCellValueFactory(c -> c.getValue().modelsProperty());
        models.setPrefWidth(170);
        table.getColumns().add(models);
        var test = new TableColumn<ProviderRow, ProviderRow>("Connection");
        test.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        test.setCellFactory(c -> new TestCell(vm));
        test.setPrefWidth(330);
        table.getColumns().add(test);
        table.setFixedCellSize(34);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Tall enough for every row plus the header: the list is short, a scroll bar would only hide it.
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(javafx.beans.binding.Bindings.size(vm.providers())).add(40));
        table.minHeightProperty().bind(table.prefHeightProperty());
        var note = new Label("Keys are read from the environment variable named here; Cachet never shows or stores a key.");
        note.getStyleClass().add("muted");
        return card("Providers", table, note);
    }

    private static VBox cacheCard(SettingsViewModel vm) {
        var grid = new GridPane();
        grid.getStyleClass().add("form");
        int r = 0;
        for (var e : vm.cacheSettings().entrySet()) grid.addRow(r++, new Label(e.getKey()), new Label(e.getValue()));
        grid.addRow(r++, new Label("Data directory"), new Label(vm.dataDir()));
        grid.addRow(r, new Label("Database file"), new Label(vm.databaseFile()));
        return card("Cache and data", grid);
    }

    private static VBox card(String title, javafx.scene.Node... content) {
        var t = new Label(title);
        t.getStyleClass().add("section-title");
        var card = new VBox(8, t);
        card.getChildren().addAll(content);
        card.getStyleClass().add("card");
        return card;
    }

    private static TableColumn<ProviderRow, String> column(String title, Function<ProviderRow, String> f, double w) {
        var c = new TableColumn<ProviderRow, String>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    /** A "Test" button and the result of the last test. */
    private static final class TestCell extends TableCell<ProviderRow, ProviderRow> {
        private final SettingsViewModel vm;
        TestCell(SettingsViewModel vm) { this.vm = vm; }

        @Override protected void updateItem(ProviderRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            var button = new Button("Test");
            button.setId("test-" + row.id());
            button.setOnAction(e -> vm.testConnection(row));
            var result = new Label();
            result.textProperty().bind(row.testResultProperty());
            result.getStyleClass().add("test-result");
            setGraphic(new HBox(8, button, result));
        }
    }
}
