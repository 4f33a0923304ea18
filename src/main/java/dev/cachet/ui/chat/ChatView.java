package dev.cachet.ui.chat;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The chat console: model and parameters on top, the streaming transcript, the composer below. */
public final class ChatView extends BorderPane {

    private final ChatViewModel vm;
    private final TextArea input = new TextArea();
    private final VBox transcript = new VBox();

    public ChatView(ChatViewModel vm) {
        this.vm = vm;
        getStyleClass().add("chat-view");
        setTop(toolbar());
        setCenter(transcriptPane());
        setBottom(composer());
    }

    /** The side list of earlier conversations, when the view has one. */
    public void setHistory(javafx.scene.Node history) { setLeft(history); }

    public void focusInput() { input.requestFocus(); }

    private HBox toolbar() {
        var model = new ComboBox<>(vm.models());
        model.setId("modelPicker");
        model.valueProperty().bindBidirectional(vm.modelProperty());
        model.setTooltip(new Tooltip("Provider and model of the next message"));

        var temperature = new Slider(0, 2, vm.temperatureProperty().get());
        temperature.setId("temperature");
        temperature.setPrefWidth(120);
        temperature.setBlockIncrement(0.1);
        temperature.valueProperty().bindBidirectional(vm.temperatureProperty());
        var tempValue = new Label();
        tempValue.setMinWidth(Region.USE_PREF_SIZE);
        tempValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.1f", vm.temperatureProperty().get()), vm.temperatureProperty()));
        vm.temperatureProperty().addListener((o, a, b) -> {
            double rounded = Math.round(b.doubleValue() * 10) / 10.0;
            if (rounded != b.doubleValue()) vm.temperatureProperty().set(rounded);
        });

        // Empty means the model's default, shown as the prompt; an answer cut there is not cached.
        var maxTokens = new TextField();
        maxTokens.setId("maxTokens");
        maxTokens.setPrefColumnCount(9);
        maxTokens.setTextFormatter(new TextFormatter<>(change -> change.getControlNewText().matches("\\d{0,7}") ? change : null));
        maxTokens.textProperty().addListener((o, a, b) -> vm.maxTokensProperty().set(b.isBlank() || Integer.parseInt(b) == 0 ? null : Integer.parseInt(b)));
        maxTokens.setTooltip(new Tooltip("Empty: the model's default (shown in grey; an answer cut there is not cached). "
                + "A number: your limit (an answer cut there is what you asked for, and is cached)."));

        var think = new CheckBox("Think");
        think.setId("think");
        think.setTooltip(new Tooltip("Thinking models reason before answering; the reasoning is shown apart and never cached"));
        think.setOnAction(e -> vm.thinkProperty().set(think.isSelected()));
        think.setMinWidth(Region.USE_PREF_SIZE);

        Runnable fitToModel = () -> {
            maxTokens.setPromptText(vm.maxTokensDefault());
            temperature.setMax(vm.maxTemperature());
            var spec = vm.specProperty().get();
            boolean fixed = spec != null && spec.fixedTemperature() != null;
            // A template sets its own params: the toolbar's apply to plain messages only.
            temperature.setDisable(fixed || vm.templateProperty().get() != null);
            maxTokens.setDisable(vm.templateProperty().get() != null);
            temperature.setTooltip(new Tooltip(fixed ? spec.model() + " samples at a fixed temperature; none is sent"
                    : "0–" + String.format(Locale.ROOT, "%.0f", vm.maxTemperature()) + " for this model"));
            think.setVisible(vm.thinkingSwitchable());
            think.setManaged(think.isVisible());
            think.setSelected(vm.thinkProperty().get() != null ? vm.thinkProperty().get() : vm.thinksByDefault());
        };
        vm.specProperty().addListener((o, a, b) -> fitToModel.run());
        vm.templateProperty().addListener((o, a, b) -> fitToModel.run());
        fitToModel.run();

        var template = new ComboBox<String>();
        template.setId("templatePicker");
        template.setPromptText("none");
        template.getItems().setAll(withNone(vm.templates()));
        vm.templates().addListener((javafx.collections.ListChangeListener<String>) c -> {
            String keep = vm.templateProperty().get();
            template.getItems().setAll(withNone(vm.templates()));
            template.setValue(keep == null ? NO_TEMPLATE : keep);
        });
        template.setValue(vm.templateProperty().get() == null ? NO_TEMPLATE : vm.templateProperty().get());
        template.valueProperty().addListener((o, a, b) -> vm.templateProperty().set(NO_TEMPLATE.equals(b) ? null : b));
        template.setTooltip(new Tooltip("Render each message through a prompt template (its params and A/B split apply)"));
        var collection = new ComboBox<>(vm.collections());
        collection.setId("collectionPicker");
        collection.valueProperty().bindBidirectional(vm.collectionProperty());
        collection.setTooltip(new Tooltip("Answer from a document collection, with numbered sources (Collections pane: Ctrl+6)"));
        collection.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(String s) { return s == null || s.isEmpty() ? "No documents" : s; }
            @Override public String fromString(String s) { return s; }
        });

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var copyAll = new Button("Copy conversation");
        copyAll.setOnAction(e -> {
            var c = new ClipboardContent();
            c.putString(vm.transcriptMarkdown());
            Clipboard.getSystemClipboard().setContent(c);
        });
        copyAll.disableProperty().bind(Bindings.isEmpty(vm.turns()));
        var fresh = new Button("New conversation");
        fresh.setId("newConversation");
        fresh.setOnAction(e -> { vm.newConversation(); focusInput(); });

        var bar = new HBox(label("Model"), model, label("Template"), template, label("Temperature"), temperature, tempValue,
                label("Max tokens"), maxTokens, think, label("Answer from"), collection, spacer, copyAll, fresh);
        bar.getStyleClass().add("chat-toolbar");
        return bar;
    }

    private StackPane transcriptPane() {
        transcript.getStyleClass().add("chat-transcript");
        transcript.setFillWidth(true);
        var scroll = new ScrollPane(transcript);
        scroll.setId("transcript");
        scroll.getStyleClass().add("chat-scroll");
        scroll.setFitToWidth(true);
        // Follow the stream: keep the view at the bottom while the answer grows.
        transcript.heightProperty().addListener((o, a, b) -> scroll.setVvalue(1.0));

        var empty = new Label("Ask something. Answers stream in with badges from their trace: cache hit or miss, "
                + "model, time to first token, tokens and cost. Click the badges for the full trace.");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        empty.getStyleClass().add("chat-empty");
        empty.visibleProperty().bind(Bindings.isEmpty(vm.turns()));
        StackPane.setAlignment(empty, Pos.TOP_CENTER);

        vm.turns().addListener((ListChangeListener<ChatTurn>) c -> rebuild());
        rebuild();
        var stack = new StackPane(scroll, empty);
        stack.setMinHeight(0);
        return stack;
    }

    private void rebuild() {
        transcript.getChildren().setAll(vm.turns().stream().map(t -> new TurnView(t, vm)).toList());
    }

    private VBox composer() {
        input.setId("chatInput");
        input.setPromptText("Message (Enter sends, Shift+Enter adds a line)");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.textProperty().bindBidirectional(vm.inputProperty());
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ENTER) return;
            e.consume();
            if (e.isShiftDown()) input.replaceSelection("\n");
            else vm.send();
        });
        HBox.setHgrow(input, Priority.ALWAYS);

        var send = new Button("Send");
        send.setId("sendButton");
        send.getStyleClass().add("primary");
        send.setDefaultButton(false);
        send.setOnAction(e -> { vm.send(); focusInput(); });
        send.disableProperty().bind(vm.busyProperty());
        var stop = new Button("Stop");
        stop.setId("stopButton");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.busyProperty().not());
        stop.setTooltip(new Tooltip("Cancel the answer under way, including the model call"));
        var buttons = new VBox(6, send, stop);
        send.setMaxWidth(Double.MAX_VALUE);
        stop.setMaxWidth(Double.MAX_VALUE);
        buttons.setMinWidth(Region.USE_PREF_SIZE);

        var row = new HBox(8, input, buttons);
        var hint = new Label("Enter sends · Shift+Enter adds a line · Regenerate skips the cache for that turn");
        hint.getStyleClass().add("composer-hint");
        var box = new VBox(6, row, hint);
        box.getStyleClass().add("composer");
        return box;
    }

    private static final String NO_TEMPLATE = "none";

    private static java.util.List<String> withNone(java.util.List<String> ids) {
        var out = new java.util.ArrayList<String>();
        out.add(NO_TEMPLATE);
        out.addAll(ids);
        return out;
    }

    private static Label label(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
