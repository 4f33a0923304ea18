package dev.cachet.ui.chat;

import dev.cachet.engine.trace.Attempt;
import dev.cachet.engine.trace.Trace;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * Every provider attempt of one request on a shared time axis: a muted bar for the time queued at the
 * limiter, a coloured one for the call (green when it answered, red when it failed), its outcome beside.
 */
final class AttemptTimeline {

    private static final double WIDTH = 520;

    private AttemptTimeline() { }

    /** The timeline, or null when there was at most one attempt and no queueing (nothing to show). */
    static VBox of(Trace trace) {
        List<Attempt> attempts = trace.attempts();
        if (attempts.isEmpty() || (attempts.size() == 1 && !attempts.getFirst().queued().isPositive())) return null;
        double end = attempts.stream().mapToDouble(a -> a.end().toNanos()).max().orElse(1);
        double scale = WIDTH / Math.max(1, end);
        var box = new VBox(3);
        box.setId("attemptTimeline");
        var title = new Label("Attempts (" + attempts.size() + ")");
        title.getStyleClass().add("card-title");
        box.getChildren().add(title);
        for (Attempt a : attempts) {
            var target = new Label(a.target());
            target.setMinWidth(180);
            target.setPrefWidth(180);
            var lead = bar(a.start().toNanos() * scale, null);
            var queued = bar(a.queued().toNanos() * scale, "timeline-queued");
            boolean ok = a.outcome().equals("ok");
            var call = bar(Math.max(2, a.call().toNanos() * scale), ok ? "timeline-ok" : "timeline-failed");
            var outcome = new Label(String.format(Locale.ROOT, "+%.0f ms  %s", a.start().toNanos() / 1e6, a.outcome()));
            outcome.getStyleClass().add("muted");
            var row = new HBox(0, target, lead, queued, call, spacer(8), outcome);
            row.setAlignment(Pos.CENTER_LEFT);
            Tooltip.install(row, new Tooltip(String.format(Locale.ROOT, "started +%.1f ms, queued %.1f ms, call %.1f ms: %s",
                    a.start().toNanos() / 1e6, a.queued().toNanos() / 1e6, a.call().toNanos() / 1e6, a.outcome())));
            box.getChildren().add(row);
        }
        return box;
    }

    private static Region bar(double width, String style) {
        var r = new Region();
        r.setMinSize(width, 10);
        r.setPrefSize(width, 10);
        r.setMaxSize(width, 10);
        if (style != null) r.getStyleClass().add(style);
        return r;
    }

    private static Region spacer(double width) { return bar(width, null); }
}
