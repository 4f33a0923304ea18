package dev.cachet.ui.chat;

import dev.cachet.engine.trace.Trace;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/** The badges under an answer (cache, model, TTFT, tokens, cost); a click opens the full trace. Chat and Templates use it. */
public final class BadgeRow extends FlowPane {

    private Trace trace;

    public BadgeRow() {
        super(6, 4);
        getStyleClass().add("badge-row");
        Tooltip.install(this, new Tooltip("Click for the full trace"));
        setOnMouseClicked(e -> { if (trace != null) TraceView.show(getScene().getWindow(), trace); });
    }

    /** Shows the badges of an answer and remembers its trace for the click; null badges show none. */
    public void show(AnswerBadges badges, Trace trace) {
        this.trace = trace;
        getChildren().setAll(badges == null ? java.util.List.of() : badges.badges().stream().map(BadgeRow::badge).toList());
    }

    private static Node badge(Badge b) {
        var label = new Label(b.text());
        label.getStyleClass().add("badge");
        switch (b.kind()) {
            case HIT -> label.getStyleClass().addAll("badge-hit", "badge-cache");
            case MISS -> label.getStyleClass().addAll("badge-miss", "badge-cache");
            case ROUTE -> label.getStyleClass().add("badge-route");
            case PLAIN -> { }
            case WARNING -> label.getStyleClass().add("badge-warning");
        }
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
