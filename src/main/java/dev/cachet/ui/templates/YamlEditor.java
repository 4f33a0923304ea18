package dev.cachet.ui.templates;

import dev.cachet.engine.definitions.Problem;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML editor (RichTextFX): syntax colouring for YAML and the Jinja inside it, line numbers, and
 * a marker on every line with a problem; hovering a marker shows the message.
 */
final class YamlEditor extends StackPane {

    private final CodeArea area = new CodeArea();
    private Map<Integer, List<Problem>> byLine = Map.of();

    YamlEditor() {
        area.setId("yamlEditor");
        area.getStyleClass().add("yaml-editor");
        area.setWrapText(false);
        area.setParagraphGraphicFactory(this::gutter);
        area.textProperty().addListener((o, a, b) -> restyle());
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    CodeArea area() { return area; }

    /** Replaces the text unless it is already what is shown (keeps caret and undo while typing). */
    void setText(String text) {
        String t = text == null ? "" : text;
        if (t.equals(area.getText())) return;
        int caret = Math.min(area.getCaretPosition(), t.length());
        area.replaceText(t);
        area.moveTo(caret);
    }

    /** Shows another file: its text from the top, with a fresh undo history. */
    void load(String text) {
        area.replaceText(text == null ? "" : text);
        restyle(); // replacing a text with the same text fires no change, yet drops the styles
        area.getUndoManager().forgetHistory();
        area.moveTo(0);
        area.showParagraphAtTop(0);
    }

    /** Marks the lines that have problems; errors win over warnings. */
    void showProblems(Collection<Problem> problems) {
        var lines = new HashMap<Integer, List<Problem>>();
        for (Problem p : problems) lines.computeIfAbsent(p.at().line() - 1, k -> new ArrayList<>()).add(p);
        byLine = lines;
        restyle();
        area.setParagraphGraphicFactory(this::gutter); // redraw the markers
    }

    /** Puts the caret on a problem's place and scrolls there. */
    void goTo(Problem p) {
        int paragraph = Math.min(Math.max(0, p.at().line() - 1), area.getParagraphs().size() - 1);
        int column = Math.min(Math.max(0, p.at().column() - 1), area.getParagraph(paragraph).length());
        area.moveTo(paragraph, column);
        area.requestFollowCaret();
        area.requestFocus();
    }

    private void restyle() {
        String text = area.getText();
        if (!text.isEmpty()) area.setStyleSpans(0, YamlHighlighter.styles(text));
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            List<Problem> here = byLine.get(i);
            List<String> style = here == null ? List.of()
                    : List.of(here.stream().anyMatch(Problem::isError) ? "error-line" : "warning-line");
            if (!area.getParagraph(i).getParagraphStyle().equals(style)) area.setParagraphStyle(i, style);
        }
    }

    private Node gutter(int line) {
        var number = new Label(String.valueOf(line + 1));
        number.getStyleClass().add("lineno");
        var marker = new Label();
        marker.getStyleClass().add("line-marker");
        List<Problem> here = byLine.get(line);
        if (here != null) {
            boolean error = here.stream().anyMatch(Problem::isError);
            marker.setText(error ? "●" : "▲");
            marker.getStyleClass().add(error ? "line-marker-error" : "line-marker-warning");
            marker.setId("marker-" + (line + 1));
            var tip = new Tooltip(String.join("\n", here.stream().map(p -> (p.isError() ? "" : "warning: ") + p.message()).toList()));
            tip.setShowDelay(javafx.util.Duration.millis(150));
            Tooltip.install(marker, tip);
        }
        var box = new HBox(marker, number);
        box.setAlignment(Pos.CENTER_RIGHT);
        box.getStyleClass().add("gutter");
        return box;
    }
}
