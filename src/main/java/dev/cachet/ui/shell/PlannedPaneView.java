package dev.cachet.ui.shell;

import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import java.util.List;

/** A pane whose feature is still being built: says what will come there, shows no made-up content. */
public final class PlannedPaneView extends ScrollPane {

    public PlannedPaneView(String title, String summary, List<String> coming) {
        var heading = new Label(title);
        heading.getStyleClass().add("pane-title");
        var text = new Label(summary);
        text.setWrapText(true);
        text.getStyleClass().add("pane-subtitle");
        var list = new VBox(2);
        list.getStyleClass().add("planned-list");
        for (String item : coming) {
            var l = new Label("•  " + item);
            l.setWrapText(true);
            list.getChildren().add(l);
        }
        var what = new Label("What this pane will do");
        what.getStyleClass().add("section-title");
        var card = new VBox(8, what, list);
        card.getStyleClass().add("card");
        card.setMaxWidth(760);
        var box = new VBox(12, heading, text, card);
        box.setStyle("-fx-padding: 24");
        setContent(box);
        setFitToWidth(true);
    }
}
