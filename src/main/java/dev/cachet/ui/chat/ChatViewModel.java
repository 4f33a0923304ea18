package dev.cachet.ui.chat;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatCall;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.retrieval.Retrieval;
import dev.cachet.engine.trace.Citation;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.catalogue.ModelSpec;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.store.ConversationStore;
import dev.cachet.engine.store.StoredMessage;
import dev.cachet.engine.trace.Trace;
import dev.cachet.ui.fx.Coalescer;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The chat console: the conversation, the model and parameters of the next turn, and the commands
 * Send, Stop, Regenerate and New conversation. Streams answers through {@link Pipeline#submit}.
 */
public final class ChatViewModel {

    private final Pipeline pipeline;
    private final PriceTable prices;
    private final UiThread ui;
    private final ConversationStore store;
    private final java.util.function.Predicate<String> offered;
    private java.util.function.Function<String, List<String>> fallbacksOf = id -> List.of();
    private final List<Runnable> onSaved = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The stored conversation this one is saved into; null until its first answer is saved. */
    private volatile String conversationId;

    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 0.7);
    /** Null: the model's default (from the catalogue), which is what {@link #maxTokensDefault} says. */
    private final ObjectProperty<Integer> maxTokens = new SimpleObjectProperty<>(this, "maxTokens");
    /** Null: the model's default; offered only for models that can switch thinking on and off. */
    private final ObjectProperty<Boolean> think = new SimpleObjectProperty<>(this, "think");
    private final ReadOnlyObjectWrapper<ModelSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private ProviderRegistry providers;
    private final ObservableList<ChatTurn> turns = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> templates = FXCollections.observableArrayList();
    private final ObjectProperty<String> template = new SimpleObjectProperty<>(this, "template");
    private java.util.function.Function<String, String> chatInput = id -> null;
    private String sessionId = UUID.randomUUID().toString();
    private ChatCall current;
    /** Collection names the picker offers ("" = none), and the one the next turn answers from. */
    private final ObservableList<String> collections = FXCollections.observableArrayList("");
    private final StringProperty collection = new SimpleStringProperty(this, "collection", "");
    private volatile Retrieval retrieval;

    /** @param store where conversations are saved (answered turns only); null keeps them in memory */
    public ChatViewModel(Pipeline pipeline, ProviderRegistry providers, PriceTable prices, ConversationStore store, UiThread ui) {
        this(pipeline, providers, prices, store, ui, id -> true);
    }

    /** @param offered which providers the model picker lists (see {@link OfferedProviders}) */
    public ChatViewModel(Pipeline pipeline, ProviderRegistry providers, PriceTable prices, ConversationStore store, UiThread ui,
                         java.util.function.Predicate<String> offered) {
        this.offered = offered;
        this.pipeline = pipeline;
        this.prices = prices;
        this.store = store;
        this.ui = ui;
        model.addListener((o, a, b) -> {
            spec.set(specOf(b));
            think.set(null); // a thinking choice belongs to the model it was made for
            ModelSpec s = spec.get();
            if (s.maxTemperature() != null && temperature.get() > s.maxTemperature()) temperature.set(s.maxTemperature());
        });
        reloadModels(providers);
    }

    private ModelSpec specOf(ModelChoice choice) {
        if (choice == null) return ModelSpec.unknown("simulator", "");
        try {
            return providers.resolve(choice.provider(), choice.model()).spec();
        } catch (ProviderException e) {
            return ModelSpec.unknown(choice.provider(), choice.model());
        }
    }

    /** Refills the picker (after Settings changed providers), keeping the selection where it still exists. */
    public void reloadModels(ProviderRegistry providers) {
        this.providers = providers;
        ModelChoice selected = model.get();
        models.setAll(ModelChoice.from(providers).stream().filter(m -> offered.test(m.provider())).toList());
        String def = providers.defaultProvider();
        model.set(models.contains(selected) ? selected
                : models.stream().filter(m -> m.provider().equals(def)).findFirst().orElse(models.getFirst()));
    }

    /**
     * Offers the engine's document collections in the picker; a turn sent with one selected is answered
     * from it and shows its sources. Without this call the chat has no collection picker entries.
     */
    public void connectCollections(Retrieval r) {
        this.retrieval = r;
        reloadCollections();
        r.addListener(new Retrieval.Listener() {
            @Override public void changed() { ui.run(ChatViewModel.this::reloadCollections); }
        });
    }

    private void reloadCollections() {
        String keep = collection.get();
        var names = new ArrayList<String>();
        names.add("");
        retrieval.list().forEach(c -> names.add(c.name()));
        collections.setAll(names);
        collection.set(names.contains(keep) ? keep : "");
    }

    public ObservableList<String> collections() { return collections; }
    public StringProperty collectionProperty() { return collection; }

    public StringProperty inputProperty() { return input; }
    public ObservableList<ModelChoice> models() { return models; }
    public ObjectProperty<ModelChoice> modelProperty() { return model; }
    public DoubleProperty temperatureProperty() { return temperature; }
    public ObjectProperty<Integer> maxTokensProperty() { return maxTokens; }
    public ObjectProperty<Boolean> thinkProperty() { return think; }

    /** What the catalogue knows about the selected model: its temperature range, default max tokens, thinking. */
    public ReadOnlyObjectProperty<ModelSpec> specProperty() { return spec.getReadOnlyProperty(); }

    /** "default 8192" (the catalogue's) or "server default": what an empty max-tokens field means for the selected model. */
    public String maxTokensDefault() {
        ModelSpec s = spec.get();
        return s != null && s.defaultMaxTokens() != null ? "default " + s.defaultMaxTokens() : "server default";
    }

    /** The highest temperature the selected model accepts (2 when the catalogue says nothing). */
    public double maxTemperature() {
        ModelSpec s = spec.get();
        return s == null || s.maxTemperature() == null ? 2.0 : s.maxTemperature();
    }

    /** Whether thinking can be switched for the selected model, and what it is when left alone. */
    public boolean thinkingSwitchable() {
        ModelSpec s = spec.get();
        return s != null && (s.thinking() == ModelSpec.Thinking.ON || s.thinking() == ModelSpec.Thinking.OFF);
    }

    public boolean thinksByDefault() {
        ModelSpec s = spec.get();
        return s != null && s.thinking() != null && s.thinking() != ModelSpec.Thinking.OFF;
    }
    public ObservableList<ChatTurn> turns() { return turns; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public boolean busy() { return busy.get(); }
    public String sessionId() { return sessionId; }
    /** Template ids the chat can render turns with. */
    public ObservableList<String> templates() { return templates; }
    /** The template the next turns render through (its params and variant split apply), or null for plain messages. */
    public ObjectProperty<String> templateProperty() { return template; }

    /**
     * Offers the library's templates. A turn sent with one selected renders it: the typed text goes
     * into its first required text variable, the conversation goes between its few-shot turns and
     * that message, and a template with a split keeps this conversation on one variant.
     */
    public void useTemplates(dev.cachet.engine.templates.TemplateLibrary library) {
        chatInput = id -> library.find(id).map(e -> inputVariable(e.value())).orElse(null);
        library.subscribe((set, notices) -> ui.run(() -> offer(set)));
        // Not current(): that would load the folders now, and the window loads them after its first frame.
        var set = library.loaded();
        if (set.generation() > 0) ui.run(() -> offer(set));
    }

    private void offer(dev.cachet.engine.definitions.DefinitionSet<dev.cachet.engine.templates.PromptTemplate> set) {
        var ids = set.values().stream().filter(t -> inputVariable(t) != null).map(dev.cachet.engine.templates.PromptTemplate::id).toList();
        templates.setAll(ids);
        if (template.get() != null && !ids.contains(template.get())) template.set(null);
    }

    /** The variable a chat message fills: the first required text variable, else the first text one. */
    static String inputVariable(dev.cachet.engine.templates.PromptTemplate t) {
        String first = null;
        for (var v : t.variables().values()) {
            if (v.type() != dev.cachet.engine.templates.VariableType.STRING) continue;
            if (v.required()) return v.name();
            if (first == null) first = v.name();
        }
        return first;
    }

    /** Sends what is in the input box as the next turn; empty input or a turn under way does nothing. */
    public Optional<ChatTurn> send() {
        String text = input.get() == null ? "" : input.get().strip();
        if (text.isEmpty() || busy.get()) return Optional.empty();
        input.set("");
        return Optional.of(start(text, history(turns), CacheMode.USE));
    }

    /** Asks the last question again with the cache skipped (REFRESH): the new answer replaces the old turn. */
    public Optional<ChatTurn> regenerate() {
        if (busy.get() || turns.isEmpty()) return Optional.empty();
        ChatTurn last = turns.removeLast();
        return Optional.of(start(last.userText(), history(turns), CacheMode.REFRESH));
    }

    /** Where a provider's requests go when it fails (its configured fallbacks); none by default. */
    public void useFallbacks(java.util.function.Function<String, List<String>> fallbacksOf) { this.fallbacksOf = fallbacksOf; }

    /** The model "Continue with fallback" would use for a failed turn: its provider's first fallback; empty when none. */
    public Optional<ModelChoice> fallbackFor(ChatTurn turn) {
        if (turn.target() == null) return Optional.empty();
        for (String spec : fallbacksOf.apply(turn.target().provider())) {
            String provider = spec.contains("/") ? spec.substring(0, spec.indexOf('/')) : spec;
            String m = spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : null;
            var choice = models.stream().filter(c -> c.provider().equals(provider) && (m == null || c.model().equals(m))).findFirst();
            if (choice.isPresent()) return choice;
        }
        return Optional.empty();
    }

    /** Whether the last turn broke after part of its answer had streamed: what Retry and Continue with fallback are for. */
    public boolean incomplete(ChatTurn turn) {
        return turn.state() == ChatTurn.State.FAILED && !turn.answer().isEmpty();
    }

    /** Asks a failed last question again, the same way (its partial answer was never cached). */
    public Optional<ChatTurn> retry() {
        if (busy.get() || turns.isEmpty() || turns.getLast().state() != ChatTurn.State.FAILED) return Optional.empty();
        ChatTurn last = turns.removeLast();
        return Optional.of(start(last.userText(), history(turns), CacheMode.USE, last.target(), ""));
    }

    /**
     * Continues an answer cut off mid-stream with the fallback model: it gets the conversation, the partial
     * answer as its own, and the request to go on from there. The stitched answer is shown as one, and
     * never cached (two models wrote it).
     */
    public Optional<ChatTurn> continueWithFallback() {
        if (busy.get() || turns.isEmpty() || !incomplete(turns.getLast())) return Optional.empty();
        ChatTurn last = turns.getLast();
        Optional<ModelChoice> fallback = fallbackFor(last);
        if (fallback.isEmpty()) return Optional.empty();
        turns.removeLast();
        var history = new ArrayList<>(history(turns));
        history.add(ChatMessage.user(last.userText()));
        history.add(ChatMessage.assistant(last.answer()));
        return Optional.of(start(CONTINUE, history, CacheMode.BYPASS, fallback.get(), last.answer(), last.userText()));
    }

    /** What the fallback is asked after the partial answer it is given as its own. */
    static final String CONTINUE = "Your previous answer was cut off. Continue it exactly where it stopped, without repeating any of it.";

    /** Cancels the answer under way, including the provider call. */
    public void stop() {
        ChatCall call = current;
        if (call != null) call.cancel();
    }

    public void newConversation() {
        stop();
        turns.clear();
        sessionId = UUID.randomUUID().toString();
        conversationId = null;
    }

    /** The stored conversation shown now, or null for a new, unsaved one. */
    public String conversationId() { return conversationId; }

    /** Runs (on the UI thread) after a turn has been saved: the history list refreshes itself. */
    public void onSaved(Runnable listener) { onSaved.add(listener); }

    /** Shows a stored conversation; new turns are appended to it. */
    public void open(String id, List<StoredMessage> messages) {
        stop();
        var restored = new ArrayList<ChatTurn>();
        String question = null;
        for (StoredMessage m : messages) {
            switch (m.message().role()) {
                case USER -> question = m.message().content();
                case ASSISTANT -> {
                    restored.add(ChatTurn.restored(question == null ? "" : question, m.message().content(),
                            m.facts() == null ? null : AnswerBadges.of(m.facts(), prices)));
                    question = null;
                }
                case SYSTEM, TOOL -> { }
            }
        }
        turns.setAll(restored);
        sessionId = id;
        conversationId = id;
    }

    /** The whole conversation as Markdown (what Copy puts on the clipboard). */
    public String transcriptMarkdown() {
        var sb = new StringBuilder();
        for (ChatTurn t : turns) sb.append(t.markdown()).append('\n');
        return sb.toString();
    }

    private ChatTurn start(String text, List<ChatMessage> history, CacheMode mode) {
        return start(text, history, mode, model.get(), "");
    }

    private ChatTurn start(String text, List<ChatMessage> history, CacheMode mode, ModelChoice target, String answerSoFar) {
        return start(text, history, mode, target, answerSoFar, text);
    }

    /** {@code shown} is the question the turn shows (a continuation shows the original one, not the instruction). */
    private ChatTurn start(String text, List<ChatMessage> history, CacheMode mode, ModelChoice target, String answerSoFar, String shown) {
        var turn = new ChatTurn(shown, mode, target);
        if (!answerSoFar.isEmpty()) turn.continuing(answerSoFar);
        turns.add(turn);
        String templateId = template.get();
        String input = templateId == null ? null : chatInput.apply(templateId);
        ChatParams params;
        try {
            ModelSpec s = spec.get();
            Double t = s != null && s.fixedTemperature() != null ? null : temperature.get();
            // With a template its params (and its variants') apply; the toolbar's are for plain messages.
            params = input != null ? ChatParams.DEFAULTS.withThink(thinkingSwitchable() ? think.get() : null)
                    : new ChatParams(t, maxTokens.get(), null, null, null, null, thinkingSwitchable() ? think.get() : null);
        } catch (IllegalArgumentException e) {
            turn.finish(new ChatResult.Failed(new ChatError(ChatError.Kind.BAD_REQUEST, e.getMessage(), null), "",
                    new Trace(Instant.now())), null);
            return turn;
        }
        var messages = new ArrayList<>(history);
        if (input == null) messages.add(ChatMessage.user(text));
        var invocation = input == null ? null : new dev.cachet.engine.chat.TemplateInvocation(templateId, null, java.util.Map.of(input, text));
        String from = collection.get();
        var request = new ChatRequest(target == null ? null : target.provider(), target == null ? null : target.model(),
                messages, params, null, sessionId, mode, from == null || from.isEmpty() ? null : RetrievalSpec.of(from), invocation);
        busy.set(true);
        var stream = new Coalescer(ui, turn::appendAnswer);
        var thoughts = new Coalescer(ui, turn::appendThinking);
        ChatCall call = pipeline.submit(request, new TokenListener() {
            @Override public void onToken(String token) { stream.append(token); }
            @Override public void onThinking(String text) { thoughts.append(text); }
        });
        current = call;
        call.result().whenComplete((result, failure) -> {
            boolean saved = result instanceof ChatResult.Answered a && save(shown, answerSoFar.isEmpty() ? a
                    : new ChatResult.Answered(answerSoFar + a.text(), a.source(), a.model(), a.usage(), a.finish(), a.trace()));
            List<Citation> sources = result instanceof ChatResult.Answered a ? sourcesOf(request, a) : List.of();
            ui.run(() -> {
                thoughts.flush();
                stream.flush();
                ChatResult r = result != null ? result : new ChatResult.Failed(new ChatError(ChatError.Kind.INTERNAL,
                        "internal error: " + failure, null), turn.answer(), new Trace(Instant.now()));
                AnswerBadges badges = r instanceof ChatResult.Answered a ? AnswerBadges.of(a, mode, prices) : null;
                if (current == call) {
                    current = null;
                    busy.set(false);
                }
                turn.sources(sources);
                turn.finish(r, badges);
                if (saved) onSaved.forEach(Runnable::run);
            });
        });
        return turn;
    }

    /** The sources of an answer: those the model was given, or for a cached answer those recorded with it. */
    private List<Citation> sourcesOf(ChatRequest request, ChatResult.Answered answer) {
        Retrieval r = retrieval;
        if (r == null || request.retrieval() == null) return answer.trace().citations();
        try {
            return r.citations(r.bind(request), answer.text(), answer.trace().citations());
        } catch (RuntimeException e) {
            return answer.trace().citations();  // the collection was removed meanwhile
        }
    }

    /** Saves an answered turn (on the request's thread, never the UI's); false when there is no store or it failed. */
    private boolean save(String question, ChatResult.Answered answer) {
        if (store == null) return false;
        try {
            synchronized (this) {
                if (conversationId == null) {
                    String title = question.length() > 60 ? question.substring(0, 57) + "…" : question;
                    conversationId = store.create(title.replace('\n', ' ')).id();
                }
            }
            store.append(conversationId, ChatMessage.user(question));
            store.appendAnswer(conversationId, answer);
            return true;
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(ChatViewModel.class.getName())
                    .log(java.util.logging.Level.WARNING, "could not save the conversation", e);
            return false;
        }
    }

    /** Earlier turns as messages: answered (or partly answered) turns only; failed ones are left out. */
    private static List<ChatMessage> history(List<ChatTurn> turns) {
        var out = new ArrayList<ChatMessage>();
        for (ChatTurn t : turns) {
            if (t.state() == ChatTurn.State.ANSWERED) {
                out.add(ChatMessage.user(t.userText()));
                out.add(ChatMessage.assistant(t.answer()));
            }
        }
        return out;
    }
}
