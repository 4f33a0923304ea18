package dev.cachet.ui.templates;

import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.ui.chat.BadgeRow;
import dev.cachet.ui.chat.ChatTurn;
import dev.cachet.ui.chat.ErrorBox;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/** Run: one variant, or all of them side by side, through the pipeline; answers stream in with badges and trace. */
final class RunPane extends VBox {

    private final TemplateRunViewModel runs;
    /** Variants side by side while each gets {@link #CARD_WIDTH}; in a narrow pane they stack, never cut. */
    private final FlowPane columns = new FlowPane(10, 10);
    private static final double CARD_WIDTH = 260;

    RunPane(TemplatesViewModel vm) {
        super(8);
        this.runs = vm.runs();
        getStyleClass().add("template-tab");

        var variant = new ComboBox<String>();
        variant.setId("runVariantChoice");
        vm.templateProperty().addListener((o, a, b) -> variants(variant, b, vm.openVariantProperty().get()));
        vm.openVariantProperty().addListener((o, a, b) -> { if (b != null) variant.setValue(b); });
        variants(variant, vm.templateProperty().get(), null);

        var one = new Button("Run");
        one.setId("runVariant");
        one.getStyleClass().add("primary");
        one.setOnAction(e -> runs.run(List.of(variant.getValue())));
        one.disableProperty().bind(variant.valueProperty().isNull().or(runs.busyProperty()));
        var all = new Button();
        all.setId("runAll");
        all.textProperty().bind(Bindings.createStringBinding(() -> label(vm.templateProperty().get()), vm.templateProperty()));
        all.setOnAction(e -> runs.runAll());
        all.disableProperty().bind(vm.templateProperty().isNull().or(runs.busyProperty()));
        var stop = new Button("Stop");
        stop.setOnAction(e -> runs.stop());
        stop.disableProperty().bind(runs.busyProperty().not());
        var skip = new CheckBox("Skip cache");
        skip.setId("runSkipCache");
        skip.setTooltip(new Tooltip("Ask the model again instead of answering from the cache"));
        skip.selectedProperty().bindBidirectional(runs.skipCacheProperty());
        for (var b : List.of(one, all, stop)) b.setMinWidth(Region.USE_PREF_SIZE);
        var bar = new FlowPane(8, 6, variant, one, all, stop, skip);
        bar.setAlignment(Pos.CENTER_LEFT);

        var note = new Label("Runs use the saved file — save (Ctrl+S) to run your edits.");
        note.getStyleClass().add("notice-text");
        note.visibleProperty().bind(vm.dirtyProperty());
        note.managedProperty().bind(note.visibleProperty());
        var hint = new Label("Uses the preview's variables and the template's model (or the default one). Click badges for the trace.");
        hint.getStyleClass().addAll("muted", "field-message");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE); // tall results below must not squeeze it to one elided line

        columns.setId("runResults");
        var scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Runnable fit = () -> fitCards(scroll.getViewportBounds().getWidth());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> fit.run());
        runs.results().addListener((ListChangeListener<ChatTurn>) c -> {
            columns.getChildren().setAll(runs.results().stream().map(RunPane::card).toList());
            fit.run();
        });
        getChildren().addAll(bar, note, hint, scroll);
    }

    /** As many cards a row as fit {@link #CARD_WIDTH}, sharing the row's width. */
    private void fitCards(double width) {
        int n = columns.getChildren().size();
        if (n == 0 || width <= 0) return;
        double gap = columns.getHgap();
        int perRow = (int) Math.max(1, Math.min(n, Math.floor((width + gap) / (CARD_WIDTH + gap))));
        double each = Math.floor((width - gap * (perRow - 1)) / perRow);
        for (var card : columns.getChildren()) ((Region) card).setPrefWidth(each);
    }

    private static void variants(ComboBox<String> box, PromptTemplate t, String preferred) {
        String keep = preferred != null ? preferred : box.getValue();
        box.getItems().setAll(t == null ? List.of() : t.variantNames());
        box.setValue(box.getItems().contains(keep) ? keep : box.getItems().isEmpty() ? null : box.getItems().getFirst());
    }

    private static String label(PromptTemplate t) {
        if (t == null || t.variantNames().size() < 2) return "Run all variants";
        var names = t.variantNames();
        return names.size() == 2 ? "Run " + names.get(0) + " and " + names.get(1) : "Run all " + names.size() + " side by side";
    }

    /** One variant's answer: streaming text, then its badges (click: trace) or its error. */
    private static VBox card(ChatTurn turn) {
        var title = new Label("Variant " + turn.userText());
        title.getStyleClass().add("card-title");
        var answer = new Label();
        answer.getStyleClass().addAll("bubble-text", "answer-text");
        answer.setWrapText(true);
        answer.setMinHeight(Region.USE_PREF_SIZE);
        answer.textProperty().bind(turn.answerProperty());
        var badges = new BadgeRow();
        var error = new ErrorBox();
        Runnable render = () -> {
            badges.show(turn.badges(), turn.trace());
            error.show(turn.error());
        };
        turn.stateProperty().addListener((o, a, b) -> render.run());
        render.run();
        var card = new VBox(6, title, answer, badges, error);
        badges.prefWrapLengthProperty().bind(card.widthProperty().subtract(30));
        card.getStyleClass().addAll("bubble-answer", "run-card");
        card.setId("run-" + turn.userText());
        card.setMinWidth(0);
        card.setPrefWidth(CARD_WIDTH);
        return card;
    }
}
