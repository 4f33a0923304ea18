package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.stats.ArmSummary;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's charts (ChartFX, styled like the Dashboard's): pass rate per arm with its 95% Wilson interval
 * as error bars, and each arm's latency distribution as a histogram (shared bins, so arms overlay).
 */
final class ExperimentCharts extends GridPane {

    static final int BINS = 20;

    private final XYChart passRate;
    private final CategoryAxis armAxis = new CategoryAxis("arm");
    private final XYChart latency;

    ExperimentCharts() {
        getStyleClass().add("experiment-charts");
        setHgap(10);
        var rateAxis = new DefaultNumericAxis("pass rate", 0, 100, 10);
        rateAxis.setUnit("%");
        rateAxis.setAutoRanging(false);
        passRate = chart("chart-pass-rate", armAxis, rateAxis);
        var bars = new ErrorDataSetRenderer();
        bars.setErrorStyle(ErrorStyle.ERRORBARS);
        bars.setPolyLineStyle(LineStyle.NONE);
        bars.setDrawBars(true);
        bars.setBarWidthPercentage(40);
        bars.setDrawMarker(true);
        passRate.getRenderers().setAll(bars);
        var msAxis = new DefaultNumericAxis("latency");
        msAxis.setUnit("ms");
        var countAxis = new DefaultNumericAxis("cells");
        countAxis.setUnit(null);
        armAxis.setUnit(null);
        latency = chart("chart-latency", msAxis, countAxis);
        var steps = new ErrorDataSetRenderer();
        steps.setErrorStyle(ErrorStyle.NONE);
        steps.setPolyLineStyle(LineStyle.HISTOGRAM);
        steps.setDrawMarker(false);
        latency.getRenderers().setAll(steps);
        add(card("Pass rate per arm (95% interval)", passRate), 0, 0);
        add(card("Latency distribution per arm", latency), 1, 0);
        var half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        getColumnConstraints().addAll(half, half);
    }

    private static XYChart chart(String id, DefaultNumericAxis x, DefaultNumericAxis y) {
        var c = new XYChart(x, y);
        c.setId(id);
        c.setAnimated(false);
        c.setLegendVisible(true);
        c.setMinSize(0, 0);
        c.getToolBar().setVisible(false);
        c.getToolBar().setManaged(false);
        return c;
    }

    private static VBox card(String title, XYChart chart) {
        var t = new Label(title);
        t.getStyleClass().add("section-title");
        var box = new VBox(2, t, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.getStyleClass().add("chart-card");
        GridPane.setHgrow(box, Priority.ALWAYS);
        GridPane.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    void show(RunResults r) {
        var rates = new DoubleErrorDataSet("pass rate");
        var names = new ArrayList<String>();
        if (r != null) {
            List<ArmSummary> arms = r.analysis().arms();
            for (int i = 0; i < arms.size(); i++) {
                ArmSummary.Interval p = arms.get(i).passRate();
                names.add(arms.get(i).name());
                // the label names the category: ChartFX's category axis reads its names from the data set
                if (p.known()) rates.add(i, 100 * p.estimate(), 100 * (p.estimate() - p.low()), 100 * (p.high() - p.estimate()), arms.get(i).name());
            }
        }
        armAxis.setCategories(names);
        passRate.getDatasets().setAll(rates);
        latency.getDatasets().setAll(r == null ? List.of() : histograms(r));
    }

    /** One histogram per arm over the same bins (0 to the slowest answered cell). */
    static List<DoubleErrorDataSet> histograms(RunResults r) {
        double max = r.cells().stream().filter(c -> c.status() != CellRecord.Status.ERROR).mapToDouble(CellRecord::latencyMs).max().orElse(0);
        double width = max <= 0 ? 1 : max / BINS;
        var out = new ArrayList<DoubleErrorDataSet>();
        for (var arm : r.definition().arms()) {
            int[] counts = new int[BINS];
            for (CellRecord c : r.cells()) {
                if (c.arm() != arm.index() || c.status() == CellRecord.Status.ERROR) continue;
                counts[Math.min(BINS - 1, (int) (c.latencyMs() / width))]++;
            }
            var ds = new DoubleErrorDataSet(arm.name(), BINS);
            for (int b = 0; b < BINS; b++) ds.add((b + 0.5) * width, counts[b]);
            out.add(ds);
        }
        return out;
    }
}
