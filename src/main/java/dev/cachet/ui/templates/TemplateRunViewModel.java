package dev.cachet.ui.templates;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatCall;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.trace.Trace;
import dev.cachet.ui.chat.AnswerBadges;
import dev.cachet.ui.chat.ChatTurn;
import dev.cachet.ui.fx.Coalescer;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run: sends the open template (as saved — what the pipeline serves) with the preview's values
 * through the pipeline, one variant or several side by side, each answer streaming in with its
 * badges and trace, as in the chat.
 */
public final class TemplateRunViewModel {

    private final Pipeline pipeline;
    private final PriceTable prices;
    private final UiThread ui;
    private final ReadOnlyObjectProperty<PromptTemplate> template;
    private final TemplatePreviewViewModel preview;
    private final ObservableList<ChatTurn> results = FXCollections.observableArrayList();
    private final BooleanProperty skipCache = new SimpleBooleanProperty(this, "skipCache");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final List<ChatCall> calls = new ArrayList<>();

    TemplateRunViewModel(Pipeline pipeline, PriceTable prices, UiThread ui, ReadOnlyObjectProperty<PromptTemplate> template,
                         TemplatePreviewViewModel preview) {
        this.pipeline = pipeline;
        this.prices = prices;
        this.ui = ui;
        this.template = template;
        this.preview = preview;
    }

    /** One answer per variant run, in the order asked. */
    public ObservableList<ChatTurn> results() { return results; }
    /** Ask the model again instead of answering from the cache (the fresh answer is stored). */
    public BooleanProperty skipCacheProperty() { return skipCache; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Runs these variants side by side; replaces the previous results. */
    public List<ChatTurn> run(List<String> variants) {
        PromptTemplate t = template.get();
        if (t == null || variants.isEmpty()) return List.of();
        stop();
        results.clear();
        var started = new ArrayList<ChatTurn>();
        var values = preview.values();
        CacheMode mode = skipCache.get() ? CacheMode.REFRESH : CacheMode.USE;
        busy.set(true); // before any call: a fast one may finish (and clear it) before the loop ends
        for (String variant : variants) {
            var turn = new ChatTurn(variant, mode, null);
            results.add(turn);
            started.add(turn);
            var request = new ChatRequest(null, null, List.of(), ChatParams.DEFAULTS, null, null, mode, null,
                    new TemplateInvocation(t.id(), variant, values));
            var stream = new Coalescer(ui, turn::appendAnswer);
            ChatCall call = pipeline.submit(request, stream::append);
            calls.add(call);
            call.result().whenComplete((result, failure) -> ui.run(() -> {
                stream.flush();
                ChatResult r = result != null ? result : new ChatResult.Failed(new ChatError(ChatError.Kind.INTERNAL,
                        "internal error: " + failure, null), turn.answer(), new Trace(Instant.now()));
                turn.finish(r, r instanceof ChatResult.Answered a ? AnswerBadges.of(a, mode, prices) : null);
                calls.remove(call);
                busy.set(!calls.isEmpty());
            }));
        }
        return started;
    }

    /** Runs every variant side by side (A and B, or all of them). */
    public List<ChatTurn> runAll() {
        PromptTemplate t = template.get();
        return t == null ? List.of() : run(t.variantNames());
    }

    /** Cancels runs under way, including their model calls. */
    public void stop() {
        for (ChatCall c : List.copyOf(calls)) c.cancel();
    }
}
