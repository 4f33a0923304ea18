package dev.cachet.ui.chat;

import dev.cachet.engine.trace.Citation;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;

import java.util.Locale;

/** A source under an answer ("[2] install.md, lines 1-9"), and the window that shows its chunk text when clicked. */
final class SourceView {

    private SourceView() { }

    static Hyperlink link(Citation c) {
        var link = new Hyperlink(c.label());
        link.getStyleClass().add("source-link");
        link.setId("source-" + c.number());
        link.setTooltip(new Tooltip(c.source() + (Double.isNaN(c.score()) ? "" : String.format(Locale.ROOT, "\nscore %.3f", c.score()))
                + "\nClick to read the chunk"));
        link.setOnAction(e -> show(link.getScene().getWindow(), c));
        return link;
    }

    /** The chunk's text in its own window, with where it comes from; Escape closes it. */
    static Stage show(Window owner, Citation c) {
        var title = new Label("[" + c.number() + "] " + c.fileName());
        title.getStyleClass().add("section-title");
        var where = new Label(c.source() + (c.position().isEmpty() ? "" : " · " + c.position())
                + (Double.isNaN(c.score()) ? "" : String.format(Locale.ROOT, " · score %.3f", c.score()))
                + " · collection " + c.collection());
        where.setWrapText(true);
        where.getStyleClass().add("pane-subtitle");
        var text = new TextArea(c.text().strip());
        text.setId("sourceText");
        text.setEditable(false);
        text.setWrapText(true);
        VBox.setVgrow(text, javafx.scene.layout.Priority.ALWAYS);
        var box = new VBox(8, title, where, text);
        box.setStyle("-fx-padding: 14");
        box.getStyleClass().add("source-window");
        var stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Source [" + c.number() + "] · " + c.fileName());
        var scene = new Scene(box, 620, 380);
        if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        if (owner != null && owner.getScene() != null) box.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass());
        scene.setOnKeyPressed(k -> { if (k.getCode() == KeyCode.ESCAPE) stage.close(); });
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
