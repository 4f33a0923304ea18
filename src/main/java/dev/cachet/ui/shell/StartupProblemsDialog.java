package dev.cachet.ui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.List;

/**
 * Shows the start-up problems over the window that did open, one block each: title, the problem line,
 * what to do. Not modal for the application: the window behind stays usable.
 */
public final class StartupProblemsDialog {

    private StartupProblemsDialog() { }

    /** Builds the dialog (owned by {@code owner}, in its theme); {@link Alert#show()} it. */
    public static Alert of(Stage owner, List<StartupProblem> problems) {
        var alert = new Alert(Alert.AlertType.WARNING, null, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle("Cachet — start-up problems");
        alert.setHeaderText(problems.size() == 1 ? problems.getFirst().title()
                : problems.size() + " problems at start-up");
        var list = new VBox(14);
        list.setId("startupProblems");
        for (StartupProblem p : problems) list.getChildren().add(block(p, problems.size() > 1));
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setPrefWidth(620);
        if (owner.getScene() != null) alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        return alert;
    }

    private static VBox block(StartupProblem p, boolean withTitle) {
        var box = new VBox(4);
        box.getStyleClass().add("startup-problem");
        if (withTitle) box.getChildren().add(wrapping(p.title(), "section-title"));
        box.getChildren().addAll(wrapping(p.problem(), "startup-problem-text"), wrapping(p.whatToDo(), "muted"));
        return box;
    }

    private static Label wrapping(String text, String styleClass) {
        var label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(styleClass);
        label.setMaxWidth(580);
        return label;
    }
}
