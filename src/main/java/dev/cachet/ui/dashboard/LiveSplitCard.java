package dev.cachet.ui.dashboard;

import dev.cachet.engine.experiments.live.LiveReport;
import dev.cachet.engine.experiments.live.LiveVariant;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Verdict;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.Locale;
import java.util.function.Function;

/**
 * Live A/B on chat traffic, per template with a split: each variant's answers, 👍 rate, latency, TTFT,
 * cost, cache hits and regenerate rate with their 95% intervals, the verdict, and Promote.
 */
public final class LiveSplitCard extends TitledPane {

    private final LiveSplitViewModel vm;
    private final VBox body = new VBox(8);
    private final Timeline timer;

    public LiveSplitCard(LiveSplitViewModel vm) {
        this.vm = vm;
        setText("Live A/B on chat traffic");
        setId("liveSplit");
        getStyleClass().add("live-split");
        setExpanded(false);
        var message = new Label();
        message.getStyleClass().add("muted");
        message.textProperty().bind(vm.messageProperty());
        var scroll = new javafx.scene.control.ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(230); // the charts above keep most of the pane
        setContent(new VBox(6, scroll, message));
        vm.reports().addListener((javafx.collections.ListChangeListener<LiveReport>) c -> show());
        timer = new Timeline(new KeyFrame(Duration.seconds(2), e -> {
            if (isExpanded()) vm.refresh();
        }));
        timer.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                timer.stop();
            } else {
                timer.play();
                if (isExpanded()) vm.refresh();
            }
        });
        expandedProperty().addListener((o, was, now) -> {
            if (now) vm.refresh();
        });
        show();
    }

    private void show() {
        body.getChildren().clear();
        if (vm.reports().isEmpty()) {
            body.getChildren().add(new Label("No template has a split. Give one a 'split:' of weights per variant and each chat session "
                    + "gets a variant (sticky per session); Good/Bad on answers and Regenerate are counted here."));
            return;
        }
        for (LiveReport r : vm.reports()) body.getChildren().add(report(r));
    }

    private VBox report(LiveReport r) {
        var title = new Label(r.templateId());
        title.getStyleClass().add("section-title");
        var verdict = new Label(r.verdict());
        verdict.setWrapText(true);
        var table = new TableView<LiveVariant>();
        table.getColumns().add(col("Variant", 110, LiveVariant::name));
        table.getColumns().add(col("Answers", 70, v -> Integer.toString(v.answers())));
        table.getColumns().add(col("Good rate (95%)", 170, v -> rate(v.upRate()) + "  " + v.thumbsUp() + " good, " + v.thumbsDown() + " bad"));
        table.getColumns().add(col("Latency p50 (95%)", 160, v -> ms(v.latencyMedianMs())));
        table.getColumns().add(col("TTFT p50", 80, v -> Double.isNaN(v.ttftMedianMs()) ? "–" : String.format(Locale.ROOT, "%.0f ms", v.ttftMedianMs())));
        table.getColumns().add(col("Cost", 90, v -> String.format(Locale.ROOT, "$%.5f", v.costTotalUsd())));
        table.getColumns().add(col("Cache hits (95%)", 140, v -> rate(v.cacheHitRate())));
        table.getColumns().add(col("Regenerated (95%)", 150, v -> rate(v.regenerateRate())));
        table.getItems().setAll(r.variants());
        table.setFixedCellSize(26);
        table.setPrefHeight(30 + 26 * Math.max(2, r.variants().size()));
        table.setMinHeight(table.getPrefHeight());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var promote = new Button(r.leader() == null ? "Promote selected…" : "Promote " + r.leader());
        promote.setId("promote-" + r.templateId());
        promote.setTooltip(new Tooltip("Give this variant all the traffic: its weight in the template's split becomes 1, the others 0"));
        if (r.leader() == null) promote.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        promote.setOnAction(e -> {
            LiveVariant chosen = table.getSelectionModel().getSelectedItem();
            vm.promote(r.templateId(), r.leader() != null && chosen == null ? r.leader() : chosen.name());
        });
        var head = new HBox(10, title, promote);
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, head, verdict, table);
    }

    private static String rate(ArmSummary.Interval i) {
        return i.known() ? Verdict.pct(i.estimate()) + " (" + Verdict.pct(i.low()) + "–" + Verdict.pct(i.high()) + ")" : "–";
    }

    private static String ms(ArmSummary.Interval i) {
        return i.known() ? String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", i.estimate(), i.low(), i.high()) : "–";
    }

    private static <S> TableColumn<S, String> col(String title, double width, Function<S, String> value) {
        var c = new TableColumn<S, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }
}
