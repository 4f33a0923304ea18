package dev.cachet.ui.chat;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A failure where the answer would be: what happened, the details, and what to do. */
public final class ErrorBox extends VBox {

    public ErrorBox() {
        super(2);
        getStyleClass().add("turn-error");
        setVisible(false);
        setManaged(false);
    }

    public void show(ErrorAdvice advice) {
        if (advice == null) {
            getChildren().clear();
            setVisible(false);
            setManaged(false);
            return;
        }
        var title = new Label(advice.title());
        title.setStyle("-fx-font-weight: bold");
        var message = new Label(advice.message());
        message.setWrapText(true);
        var todo = new Label(advice.whatToDo());
        todo.setWrapText(true);
        todo.getStyleClass().add("error-hint");
        getChildren().setAll(title, message, todo);
        setVisible(true);
        setManaged(true);
    }
}
