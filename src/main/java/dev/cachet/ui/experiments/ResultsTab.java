package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.ui.fx.ReadableColumns;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The selected run: the verdict, per-arm figures, the matrix of cases × arms coloured by verdict, and
 * the opened cell (output, each assertion with its reason, the trace). Arrow keys move through the
 * matrix; the selected cell opens.
 */
final class ResultsTab extends SplitPane {

    private final ExperimentsViewModel vm;
    private final TableView<ResultMatrix.Row> matrix = new TableView<>();
    private final TableView<ArmSummary> arms = ArmTable.arms();

    ResultsTab(ExperimentsViewModel vm) {
        this.vm = vm;
        setOrientation(Orientation.VERTICAL);
        var verdict = new Label("Choose a run on the left, or start one.");
        verdict.setId("runVerdict");
        verdict.getStyleClass().add("verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap rather than cut the line a person acts on
        vm.resultsProperty().addListener((o, a, r) -> {
            verdict.setText(r == null ? "" : r.analysis().verdict() + (r.definition().cache() == dev.cachet.engine.chat.CacheMode.BYPASS
                    ? "" : " · caches: " + r.definition().cache().name().toLowerCase(Locale.ROOT)));
            ArmTable.show(r == null ? null : r.analysis(), arms, null);
        });
        arms.setPrefHeight(110);
        arms.setMinHeight(80);
        matrix.setId("resultMatrix");
        matrix.getSelectionModel().setCellSelectionEnabled(true);
        matrix.setPlaceholder(new Label("No cases yet: a run's cells appear here as they finish"));
        ReadableColumns.fitHeaders(matrix);
        vm.matrixProperty().addListener((o, a, m) -> showMatrix(m));
        matrix.getSelectionModel().getSelectedCells().addListener((javafx.collections.ListChangeListener<TablePosition>) c -> openSelected());
        matrix.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) openSelected();
        });
        var top = new VBox(6, verdict, arms, matrix);
        top.setPadding(new Insets(8, 0, 0, 0));
        VBox.setVgrow(matrix, Priority.ALWAYS);
        getItems().addAll(top, detail());
        setDividerPositions(0.62);
    }

    private void showMatrix(ResultMatrix m) {
        var focus = matrix.getFocusModel().getFocusedCell();
        int row = focus == null ? -1 : focus.getRow();
        int col = focus == null || focus.getTableColumn() == null ? -1 : matrix.getColumns().indexOf(focus.getTableColumn());
        if (m == null) {
            matrix.getItems().clear();
            return;
        }
        if (matrix.getColumns().size() != m.arms().size() + 1
                || !m.arms().equals(matrix.getColumns().stream().skip(1).map(TableColumn::getText).toList())) {
            matrix.getColumns().setAll(ArmTable.<ResultMatrix.Row>column("Case", 260, r -> (r.testCase().index() + 1) + ". " + r.testCase().title()));
            for (int a = 0; a < m.arms().size(); a++) matrix.getColumns().add(armColumn(m.arms().get(a), a));
        }
        matrix.getItems().setAll(m.rows());
        if (row >= 0 && col > 0 && row < m.rows().size() && col < matrix.getColumns().size()) {
            matrix.getSelectionModel().clearAndSelect(row, matrix.getColumns().get(col));
        }
    }

    private TableColumn<ResultMatrix.Row, ResultMatrix.Cell> armColumn(String name, int arm) {
        var c = new TableColumn<ResultMatrix.Row, ResultMatrix.Cell>(name);
        c.setPrefWidth(130);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().cells().get(arm)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(ResultMatrix.Cell cell, boolean empty) {
                super.updateItem(cell, empty);
                getStyleClass().removeIf(s -> s.startsWith("verdict-"));
                if (empty || cell == null) {
                    setText(null);
                    return;
                }
                setText(cell.label());
                getStyleClass().add("verdict-" + cell.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        });
        return c;
    }

    private void openSelected() {
        var cells = matrix.getSelectionModel().getSelectedCells();
        if (cells.isEmpty()) return;
        TablePosition<?, ?> p = cells.getFirst();
        int col = p.getColumn();
        if (col < 1 || p.getRow() < 0 || p.getRow() >= matrix.getItems().size()) return;
        ResultMatrix.Row r = matrix.getItems().get(p.getRow());
        vm.openCell(col - 1, r.testCase().index(), 0);
    }

    private VBox detail() {
        var title = new Label("Click a cell to see its output, its assertions and its trace.");
        title.setId("cellTitle");
        title.getStyleClass().add("section-title");
        var figures = new Label();
        figures.setId("cellFigures");
        figures.getStyleClass().add("muted");
        var reason = new Label();
        reason.setId("cellReason");
        reason.setWrapText(true);
        var output = new TextArea();
        output.setId("cellOutput");
        output.setEditable(false);
        output.setWrapText(true);
        var assertions = new TableView<AssertionResult>();
        assertions.setId("cellAssertions");
        assertions.setPlaceholder(new Label("No assertions"));
        assertions.getColumns().add(ArmTable.column("Result", 64, a -> switch (a.status()) { case PASSED -> "pass"; case FAILED -> "fail"; case NOT_RUN -> "not run"; }));
        var described = ArmTable.<AssertionResult>column("Assertion", 150, AssertionResult::describe);
        described.setCellFactory(ReadableColumns::wrapping);
        assertions.getColumns().add(described);
        assertions.getColumns().add(ArmTable.column("Score", 56, a -> String.format(Locale.ROOT, "%.2f", a.score())));
        var reasonColumn = ArmTable.<AssertionResult>column("Reason", 220, AssertionResult::reason);
        reasonColumn.setCellFactory(ReadableColumns::wrapping); // the why of a failure, read in full
        assertions.getColumns().add(reasonColumn);
        assertions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ReadableColumns.fitHeaders(assertions);
        var trace = new TextArea();
        trace.setId("cellTrace");
        trace.setEditable(false);
        trace.getStyleClass().add("mono");
        vm.cellProperty().addListener((o, a, d) -> {
            title.setText(d == null ? "Click a cell to see its output, its assertions and its trace." : d.title());
            figures.setText(d == null ? "" : d.figures());
            reason.setText(d == null ? "" : d.reason());
            output.setText(d == null ? "" : d.output());
            assertions.getItems().setAll(d == null ? java.util.List.of() : d.assertions());
            trace.setText(d == null ? "" : d.trace());
        });
        // At 1280 px three columns left each too narrow to read: the output beside the assertions, and the
        // trace (fixed-width stage lines) a tab away from them, at the same full width.
        var checks = new TabPane(new Tab("Assertions", assertions), new Tab("Trace", trace));
        checks.setId("cellChecks");
        checks.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        var panes = new SplitPane(labelled("Output", output), checks);
        panes.setDividerPositions(0.3);
        var box = new VBox(4, title, figures, reason, panes);
        VBox.setVgrow(panes, Priority.ALWAYS);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }

    static VBox labelled(String title, javafx.scene.Node content) {
        var l = new Label(title);
        l.getStyleClass().add("muted");
        var box = new VBox(2, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }
}
