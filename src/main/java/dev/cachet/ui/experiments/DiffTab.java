package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.TestCase;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Locale;

/** Two arms' outputs for one case, side by side, changed lines and words marked. */
final class DiffTab extends VBox {

    private final ExperimentsViewModel vm;
    private final ComboBox<TestCase> testCase = new ComboBox<>();
    private final ComboBox<String> left = new ComboBox<>();
    private final ComboBox<String> right = new ComboBox<>();
    private final TableView<OutputDiff.Line> table = new TableView<>();
    private final Label summary = new Label();

    DiffTab(ExperimentsViewModel vm) {
        this.vm = vm;
        setSpacing(6);
        setPadding(new Insets(8, 0, 0, 0));
        getStyleClass().add("diff-view");
        testCase.setId("diffCase");
        left.setId("diffLeft");
        right.setId("diffRight");
        testCase.setPrefWidth(320);
        testCase.setConverter(new StringConverter<>() {
            @Override public String toString(TestCase c) { return c == null ? "" : (c.index() + 1) + ". " + c.title(); }
            @Override public TestCase fromString(String s) { return null; }
        });
        var row = new HBox(8, new Label("Case"), testCase, new Label("Left"), left, new Label("Right"), right, summary);
        row.setAlignment(Pos.CENTER_LEFT);
        table.setId("outputDiff");
        table.setPlaceholder(new Label("Pick a case and two arms"));
        table.getColumns().add(side("Left", true));
        table.getColumns().add(side("Right", false));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(OutputDiff.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeIf(s -> s.startsWith("diff-"));
                if (!empty && line != null) getStyleClass().add("diff-" + line.kind().name().toLowerCase(Locale.ROOT));
            }
        });
        getChildren().addAll(row, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        vm.resultsProperty().addListener((o, a, r) -> {
            if (r == null) return;
            List<String> arms = r.definition().arms().stream().map(x -> x.name()).toList();
            if (!arms.equals(left.getItems())) {
                left.getItems().setAll(arms);
                right.getItems().setAll(arms);
                if (!arms.isEmpty()) left.getSelectionModel().select(0);
                if (arms.size() > 1) right.getSelectionModel().select(1);
            }
            if (!r.definition().cases().equals(testCase.getItems())) {
                testCase.getItems().setAll(r.definition().cases());
                if (!r.definition().cases().isEmpty()) testCase.getSelectionModel().select(0);
            }
            refresh();
        });
        vm.cellProperty().addListener((o, a, d) -> {
            if (d != null) testCase.getItems().stream().filter(c -> c.index() == d.caseIndex()).findFirst().ifPresent(testCase::setValue);
        });
        testCase.valueProperty().addListener((o, a, b) -> refresh());
        left.valueProperty().addListener((o, a, b) -> refresh());
        right.valueProperty().addListener((o, a, b) -> refresh());
    }

    private void refresh() {
        TestCase c = testCase.getValue();
        int a = left.getSelectionModel().getSelectedIndex();
        int b = right.getSelectionModel().getSelectedIndex();
        if (c == null || a < 0 || b < 0) {
            table.getItems().clear();
            summary.setText("");
            return;
        }
        OutputDiff d = vm.diff(c.index(), a, b);
        table.getItems().setAll(d.lines());
        summary.setText(d.identical() ? "identical" : d.lines().stream().filter(l -> l.kind() != OutputDiff.Kind.SAME).count() + " lines differ");
    }

    private static TableColumn<OutputDiff.Line, String> side(String title, boolean leftSide) {
        var col = ArmTable.<OutputDiff.Line>column(title, 400, l -> leftSide ? l.left() : l.right());
        col.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.text.Text line = new javafx.scene.text.Text();
            {
                line.getStyleClass().add("text");
                line.wrappingWidthProperty().bind(widthProperty().subtract(12));
            }

            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                line.setText(empty || text == null ? "" : text);
                setGraphic(empty ? null : line);
                setText(null);
            }
        });
        return col;
    }
}
