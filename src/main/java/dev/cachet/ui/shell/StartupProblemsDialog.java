package dev.cachet.ui.shell;

import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start-up problems over the main window: per affected part a title, the problems (one line each,
 * selectable so a path or line number can be copied), and what to do. Problems sharing a title and an
 * action (several lines of one config file) are shown under one heading.
 */
public final class StartupProblemsDialog {

    private StartupProblemsDialog() { }

    /** Shows the dialog over {@code owner} (not blocking: the window stays usable behind it); returns it, for tests. */
    public static Alert show(Stage owner, List<StartupProblem> problems) {
        var alert = new Alert(Alert.AlertType.WARNING, "", ButtonType.OK);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE); // the window behind stays usable: it runs, on defaults where it must
        alert.setTitle("Cachet: start-up problems");
        alert.setHeaderText(problems.size() == 1 ? "Cachet started, but one thing needs your attention"
                : "Cachet started, but " + problems.size() + " things need your attention");
        var box = new VBox(12);
        box.setId("startupProblems");
        box.setPadding(new Insets(4, 0, 4, 0));
        group(problems).forEach((heading, details) -> {
            var title = new Label(heading.title());
            title.getStyleClass().add("section-title");
            var lines = new TextArea(String.join("\n", details));
            lines.setEditable(false);
            lines.setWrapText(true);
            lines.setPrefRowCount(Math.min(6, details.size() + 1));
            lines.getStyleClass().add("startup-problem-detail");
            var action = new Label(heading.action());
            action.setWrapText(true);
            action.getStyleClass().add("startup-problem-action");
            box.getChildren().addAll(title, lines, action);
        });
        var scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportWidth(640);
        scroll.setPrefViewportHeight(Math.min(420, 160 * group(problems).size()));
        alert.getDialogPane().setContent(scroll);
        alert.getDialogPane().setPrefWidth(700);
        if (owner.getScene() != null) alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        alert.show();
        return alert;
    }

    private record Heading(String title, String action) { }

    private static Map<Heading, List<String>> group(List<StartupProblem> problems) {
        Map<Heading, List<String>> out = new LinkedHashMap<>();
        for (StartupProblem p : problems) out.computeIfAbsent(new Heading(p.title(), p.action()), h -> new ArrayList<>()).add(p.detail());
        return out;
    }
}
