package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Comparison;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The open run beside an earlier run of the same experiment: every arm of both (named {@code #ID arm}),
 * paired by case content when both ran the same cases, the tests and the verdict.
 */
final class CompareTab extends VBox {

    CompareTab(ExperimentsViewModel vm) {
        setSpacing(6);
        setPadding(new Insets(8, 0, 0, 0));
        var earlier = new ComboBox<RunRecord>(vm.earlierRuns());
        earlier.setId("compareWith");
        earlier.setPromptText("an earlier run of this experiment");
        earlier.setPrefWidth(300);
        earlier.setConverter(new StringConverter<>() {
            @Override public String toString(RunRecord r) {
                return r == null ? "" : "#" + r.id() + " · " + r.done() + "/" + r.totalCells() + " cells · " + r.passed() + " passed";
            }
            @Override public RunRecord fromString(String s) { return null; }
        });
        var compare = new Button("Co_mpare");
        compare.setMnemonicParsing(true);
        compare.setId("compareRuns");
        compare.disableProperty().bind(earlier.valueProperty().isNull());
        compare.setOnAction(e -> vm.compareWith(earlier.getValue()));
        var hint = new Label();
        hint.getStyleClass().add("muted");
        vm.earlierRuns().addListener((javafx.collections.ListChangeListener<RunRecord>) c ->
                hint.setText(vm.earlierRuns().isEmpty() ? "no earlier run of this experiment yet" : ""));
        var row = new HBox(8, new Label("Compare with"), earlier, compare, hint);
        row.setAlignment(Pos.CENTER_LEFT);
        var verdict = new Label();
        verdict.setId("compareVerdict");
        verdict.getStyleClass().add("verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap rather than cut the line a person acts on
        TableView<ArmSummary> arms = ArmTable.arms();
        TableView<Comparison> tests = ArmTable.comparisons();
        tests.setId("compareTests");
        vm.comparisonProperty().addListener((o, a, analysis) -> {
            verdict.setText(analysis == null ? "" : analysis.verdict() + (analysis.paired() ? " (paired by case)" : " (unpaired: the cases differ)"));
            ArmTable.show(analysis, arms, tests);
        });
        getChildren().addAll(row, verdict, arms, tests);
        VBox.setVgrow(tests, Priority.ALWAYS);
    }
}
