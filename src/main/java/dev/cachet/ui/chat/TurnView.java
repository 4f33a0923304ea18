package dev.cachet.ui.chat;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One turn in the transcript: the question, the streaming answer, its badges, error and actions. */
final class TurnView extends VBox {

    TurnView(ChatTurn turn, ChatViewModel vm) {
        super(6);
        getStyleClass().add("turn");

        var you = new Label("YOU");
        you.getStyleClass().add("bubble-role");
        var question = new Label(turn.userText());
        question.setWrapText(true);
        question.getStyleClass().add("bubble-text");
        var userBubble = new VBox(2, you, question);
        userBubble.getStyleClass().add("bubble-user");
        userBubble.setMaxWidth(Region.USE_PREF_SIZE);
        var userRow = new HBox(userBubble);
        userRow.setAlignment(Pos.CENTER_RIGHT);

        var role = new Label(turn.target() == null ? "ANSWER" : "ANSWER · " + turn.target().label());
        role.getStyleClass().add("bubble-role");
        var answer = new Label();
        answer.getStyleClass().addAll("bubble-text", "answer-text");
        answer.setWrapText(true);
        answer.setMinHeight(Region.USE_PREF_SIZE);
        answer.textProperty().bind(turn.answerProperty());
        var answerBubble = new VBox(4, role, thinkingPart(turn), answer);
        answerBubble.getStyleClass().add("bubble-answer");
        answerBubble.setFillWidth(true);

        if (!turn.note().isEmpty()) {
            var note = new Label(turn.note());
            note.setWrapText(true);
            note.getStyleClass().add("turn-note");
            answerBubble.getChildren().add(note);
        }

        var badges = new BadgeRow();
        badges.setId("badges");
        var error = new ErrorBox();

        var copy = link("Copy", "Copy this answer as Markdown");
        copy.setOnAction(e -> {
            var content = new ClipboardContent();
            content.putString(turn.markdown());
            Clipboard.getSystemClipboard().setContent(content);
        });
        var regenerate = link("Regenerate", "Ask again with the cache skipped on purpose");
        regenerate.getStyleClass().add("regenerate");
        regenerate.setOnAction(e -> vm.regenerate());
        regenerate.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !vm.busy() && !vm.turns().isEmpty() && vm.turns().getLast() == turn, vm.busyProperty(), vm.turns()));
        regenerate.managedProperty().bind(regenerate.visibleProperty());
        var stopped = new Label("stopped");
        stopped.getStyleClass().add("turn-note");
        stopped.setVisible(false);
        var actions = new HBox(4, copy, regenerate, stopped);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setVisible(false);
        actions.setManaged(false);

        var sources = new FlowPane(6, 4);
        sources.getStyleClass().add("source-row");
        sources.setId("sources");
        show(sources, false);
        var data = new VBox(4);
        data.getStyleClass().add("data-result");
        data.setId("dataResult");
        show(data, false);
        answerBubble.getChildren().addAll(data, sources, badges, error, actions);
        getChildren().addAll(userRow, answerBubble);

        Runnable render = () -> {
            switch (turn.state()) {
                case STREAMING -> { }
                case ANSWERED -> {
                    if (!turn.sources().isEmpty()) {
                        var title = new Label("Sources");
                        title.getStyleClass().add("source-title");
                        sources.getChildren().setAll(title);
                        for (var c : turn.sources()) sources.getChildren().add(SourceView.link(c));
                        show(sources, true);
                    }
                    badges.show(turn.badges(), turn.trace());
                    DataView.of(turn.trace()).ifPresent(v -> {
                        showData(data, v);
                        if (v.result() != null && v.result().rows().size() + v.result().columns().size() > 2) {
                            // The table below shows the rows; the Markdown copy stays for Copy and history.
                            answer.textProperty().unbind();
                            answer.setText(turn.answer().lines().findFirst().orElse("").replaceAll(":$", ""));
                        }
                    });
                    show(actions, true);
                }
                case FAILED -> {
                    DataView.of(turn.trace()).ifPresent(v -> showData(data, v));
                    error.show(turn.error());
                    if (vm.incomplete(turn) && vm.turns().getLast() == turn) error.getChildren().add(incompleteActions(turn, vm));
                    error.setId("turnError");
                    show(actions, true);
                }
                case CANCELLED -> {
                    stopped.setVisible(true);
                    show(actions, true);
                }
            }
        };
        turn.stateProperty().addListener((o, a, b) -> render.run());
        render.run();
    }

    /** The SQL the model wrote (selectable) and, when it ran, the rows in a table. */
    private static void showData(VBox box, DataView view) {
        var title = new Label("SQL");
        title.getStyleClass().add("bubble-role");
        var sql = new javafx.scene.control.TextArea(view.sql());
        sql.setEditable(false);
        sql.setWrapText(true);
        sql.getStyleClass().add("sql-text");
        sql.setId("sqlText");
        sql.setPrefRowCount(Math.min(5, 1 + view.sql().length() / 90));
        box.getChildren().setAll(title, sql);
        if (view.result() != null && !view.result().columns().isEmpty()) {
            var table = new javafx.scene.control.TableView<java.util.List<String>>();
            table.getStyleClass().add("result-table");
            table.setId("resultTable");
            var columns = view.result().columns();
            for (int i = 0; i < columns.size(); i++) {
                int index = i;
                var c = new javafx.scene.control.TableColumn<java.util.List<String>, String>(columns.get(i));
                c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                        index < cell.getValue().size() ? cell.getValue().get(index) : ""));
                c.setSortable(true);
                table.getColumns().add(c);
            }
            table.getItems().setAll(view.result().rows());
            table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            table.setFixedCellSize(24);
            table.setPrefHeight(30 + 24 * Math.min(8, Math.max(1, view.result().rows().size())));
            table.setMinHeight(Region.USE_PREF_SIZE);
            var rows = new Label(view.result().rows().size() + (view.result().rows().size() == 1 ? " row" : " rows")
                    + (view.result().truncated() ? " — the row limit; there are more" : ""));
            rows.getStyleClass().add("turn-note");
            box.getChildren().addAll(table, rows);
        }
        show(box, true);
    }

    /**
     * A thinking model's reasoning, collapsed under a header that counts it as it streams ("Thinking…
     * 120 words") and says how long it took once the answer came. Hidden for models that do not think.
     */
    private static Node thinkingPart(ChatTurn turn) {
        var text = new Label();
        text.getStyleClass().add("thinking-text");
        text.setWrapText(true);
        text.setAlignment(Pos.TOP_LEFT);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(turn.thinkingProperty());
        var pane = new TitledPane();
        pane.setId("thinking");
        pane.getStyleClass().add("thinking");
        pane.setContent(text);
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> thinkingTitle(turn),
                turn.thinkingProperty(), turn.answerProperty(), turn.stateProperty()));
        Tooltip.install(pane, new Tooltip("What the model reasoned before answering. Not part of the answer, never cached."));
        pane.visibleProperty().bind(turn.thinkingProperty().isNotEmpty());
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    static String thinkingTitle(ChatTurn turn) {
        int words = turn.thinking().isBlank() ? 0 : turn.thinking().strip().split("\\s+").length;
        String count = words + (words == 1 ? " word" : " words");
        if (turn.state() == ChatTurn.State.STREAMING && turn.answer().isEmpty()) return "Thinking… " + count;
        var trace = turn.trace();
        if (trace != null && trace.timeToFirstThinking().isPresent() && trace.timeToFirstToken().isPresent()) {
            double seconds = trace.timeToFirstToken().get().minus(trace.timeToFirstThinking().get()).toMillis() / 1000.0;
            return String.format(java.util.Locale.ROOT, "Thought for %.1f s · %s", Math.max(0, seconds), count);
        }
        return "Thought · " + count;
    }

    /** For an answer that broke off mid-stream: it is marked incomplete (never cached), with Retry and Continue with fallback. */
    private static Node incompleteActions(ChatTurn turn, ChatViewModel vm) {
        var mark = new Label("Incomplete answer: what streamed is shown above and was not cached.");
        mark.getStyleClass().add("error-hint");
        mark.setWrapText(true);
        var retry = link("Retry", "Ask the same model again");
        retry.setId("retryTurn");
        retry.setOnAction(e -> vm.retry());
        var box = new HBox(6, retry);
        vm.fallbackFor(turn).ifPresent(fallback -> {
            var go = link("Continue with " + fallback.label(), "Let the fallback model continue the answer from where it broke off");
            go.setId("continueWithFallback");
            go.setOnAction(e -> vm.continueWithFallback());
            box.getChildren().add(go);
        });
        box.disableProperty().bind(vm.busyProperty());
        box.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, mark, box);
    }

    private static Button link(String text, String tip) {
        var b = new Button(text);
        b.getStyleClass().add("link-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }

    private static void show(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

}
