package dev.cachet.ui.chat;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.trace.Trace;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.CompletableFuture;

/** One user message and the answer streaming (or streamed) back. Changed only on the UI thread. */
public final class ChatTurn {

    public enum State { STREAMING, ANSWERED, CANCELLED, FAILED }

    private final String userText;
    private final CacheMode cacheMode;
    private final ModelChoice target;
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ReadOnlyStringWrapper thinking = new ReadOnlyStringWrapper(this, "thinking", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.STREAMING);
    private final ReadOnlyObjectWrapper<AnswerBadges> badges = new ReadOnlyObjectWrapper<>(this, "badges");
    private final ReadOnlyObjectWrapper<ErrorAdvice> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Trace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private java.util.List<dev.cachet.engine.trace.Citation> sources = java.util.List.of();
    private final CompletableFuture<ChatResult> done = new CompletableFuture<>();

    /** @param userText what was asked (for a template run: which variant) */
    public ChatTurn(String userText, CacheMode cacheMode, ModelChoice target) {
        this.userText = userText;
        this.cacheMode = cacheMode;
        this.target = target;
    }

    /** A turn read back from the conversation store: answered, without a trace (traces are not stored). */
    static ChatTurn restored(String userText, String answerText, AnswerBadges badges) {
        var t = new ChatTurn(userText, CacheMode.USE, null);
        t.answer.set(answerText);
        t.badges.set(badges);
        t.state.set(State.ANSWERED);
        t.done.complete(null);
        return t;
    }

    public String userText() { return userText; }
    public CacheMode cacheMode() { return cacheMode; }
    public ModelChoice target() { return target; }

    /** Says why this answer did not come from the cache when the user asked for that. */
    public String note() {
        if (!prefix.isEmpty()) {
            return "Continued by " + (target == null ? "the fallback" : target.label()) + " after the first answer broke off mid-stream;"
                    + " the joined answer is not cached.";
        }
        return cacheMode == CacheMode.REFRESH
                ? "Regenerated: the cache was skipped on purpose for this turn; the fresh answer replaces the stored one."
                : "";
    }

    /** Starts this turn from the part of an answer that streamed before it broke: what a continuation extends. */
    void continuing(String partial) {
        prefix = partial;
        answer.set(partial);
    }

    /** The answer as shown: what a continuation was given, then what came after. */
    private String shown(String text) { return prefix + (text == null ? "" : text); }

    public ReadOnlyStringProperty answerProperty() { return answer.getReadOnlyProperty(); }

    /** What a thinking model reasoned before answering, as it streamed: shown apart, never part of the answer. */
    public ReadOnlyStringProperty thinkingProperty() { return thinking.getReadOnlyProperty(); }
    public String thinking() { return thinking.get(); }
    public String answer() { return answer.get(); }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    public State state() { return state.get(); }
    public ReadOnlyObjectProperty<AnswerBadges> badgesProperty() { return badges.getReadOnlyProperty(); }
    public AnswerBadges badges() { return badges.get(); }
    public ReadOnlyObjectProperty<ErrorAdvice> errorProperty() { return error.getReadOnlyProperty(); }
    public ErrorAdvice error() { return error.get(); }
    public ReadOnlyObjectProperty<Trace> traceProperty() { return trace.getReadOnlyProperty(); }
    public Trace trace() { return trace.get(); }

    /** The numbered sources the answer was given (empty without a collection). Set before the turn finishes. */
    public java.util.List<dev.cachet.engine.trace.Citation> sources() { return sources; }
    void sources(java.util.List<dev.cachet.engine.trace.Citation> s) { sources = java.util.List.copyOf(s); }

    /** Completes (on the UI thread) once the turn's state is final. */
    public CompletableFuture<ChatResult> done() { return done; }

    private String prefix = "";

    /** Adds streamed text; on the UI thread. */
    public void appendAnswer(String text) { answer.set(answer.get() + text); }

    void appendThinking(String text) { thinking.set(thinking.get() + text); }

    /** Sets the final state from the request's result; on the UI thread. */
    public void finish(ChatResult result, AnswerBadges answerBadges) {
        trace.set(result.trace());
        switch (result) {
            case ChatResult.Answered a -> {
                answer.set(shown(a.text()));
                badges.set(answerBadges);
                state.set(State.ANSWERED);
            }
            case ChatResult.Failed f -> {
                answer.set(shown(f.partialText()));
                error.set(ErrorAdvice.of(f.error()));
                state.set(State.FAILED);
            }
            case ChatResult.Cancelled c -> {
                answer.set(shown(c.partialText()));
                state.set(State.CANCELLED);
            }
        }
        done.complete(result);
    }

    /** Markdown of this turn, as copied or exported. */
    public String markdown() {
        var sb = new StringBuilder("**You:** ").append(userText).append("\n\n**Answer");
        if (target != null) sb.append(" (").append(target.label()).append(")");
        sb.append(":** ").append(answer.get());
        if (state.get() == State.CANCELLED) sb.append(" _(stopped)_");
        if (error.get() != null) sb.append("\n\n> ").append(error.get().oneLine());
        if (!sources.isEmpty()) {
            sb.append("\n\nSources:");
            for (var c : sources) sb.append("\n- ").append(c.label()).append(" (").append(c.source()).append(')');
        }
        return sb.append("\n").toString();
    }
}
