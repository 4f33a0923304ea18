package dev.cachet.ui.chat;

import dev.cachet.engine.trace.Trace;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.function.Function;

/** The full trace of one answer: stage by stage, with durations, decisions and reasons. */
public final class TraceView {

    private TraceView() { }

    public static void show(Window owner, Trace trace) {
        var table = new TableView<TraceRow>();
        table.setId("traceTable");
        table.getStyleClass().add("trace-table");
        table.getColumns().add(column("Stage", TraceRow::stage, 90));
        table.getColumns().add(column("Decision", TraceRow::decision, 90));
        table.getColumns().add(column("Time", TraceRow::duration, 80));
        table.getColumns().add(column("Reason", TraceRow::reason, 330));
        table.getColumns().add(column("Tokens in/out", TraceRow::tokens, 100));
        table.getColumns().add(column("Cost", TraceRow::cost, 90));
        table.getColumns().add(column("Details", TraceRow::details, 200));
        table.getItems().setAll(TraceRow.of(trace));
        table.setPrefSize(1000, 260);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        var summary = new Label(TraceRow.summary(trace));
        summary.setId("traceSummary");
        var box = new VBox(8, summary, table);
        var timeline = AttemptTimeline.of(trace);
        if (timeline != null) box.getChildren().add(timeline);

        var dialog = new Dialog<Void>();
        dialog.setTitle("Trace");
        dialog.setHeaderText(null);
        dialog.initOwner(owner);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Scene scene = owner == null ? null : owner.getScene();
        if (scene != null) dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        dialog.setResizable(true);
        dialog.show();
    }

    private static TableColumn<TraceRow, String> column(String title, Function<TraceRow, String> value, double width) {
        var c = new TableColumn<TraceRow, String>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
