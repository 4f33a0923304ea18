package dev.cachet.engine.provider;

import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.provider.http.Exchange;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Receives langchain4j's callbacks for one streamed answer: passes answer tokens and thinking on as
 * they arrive, and keeps both texts. Any token, thinking or not, ends the wait for a first token: a
 * model reasoning out loud is not silent.
 */
final class AnswerCollector implements StreamingChatResponseHandler {

    private final Exchange exchange;
    private final TokenListener tokens;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private volatile boolean started;
    private volatile ChatResponse response;
    private volatile Throwable error;

    AnswerCollector(Exchange exchange, TokenListener tokens) {
        this.exchange = exchange;
        this.tokens = tokens;
    }

    @Override public void onPartialResponse(String token) {
        if (exchange.aborted() != null || token == null || token.isEmpty()) return;
        exchange.markActivity();
        started = true;
        synchronized (text) { text.append(token); }
        tokens.onToken(token);
    }

    @Override public void onPartialThinking(PartialThinking partial) {
        String t = partial == null ? null : partial.text();
        if (exchange.aborted() != null || t == null || t.isEmpty()) return;
        exchange.markActivity();
        started = true;
        synchronized (thinking) { thinking.append(t); }
        tokens.onThinking(t);
    }

    @Override public void onCompleteResponse(ChatResponse complete) { response = complete; }

    @Override public void onError(Throwable t) { if (error == null) error = t; }

    void failed(Throwable t) { onError(t); }

    /** Something streamed (answer or thinking): the first-token wait is over. */
    boolean started() { return started; }

    String text() { synchronized (text) { return text.toString(); } }
    String thinking() { synchronized (thinking) { return thinking.toString(); } }
    ChatResponse response() { return response; }
    Throwable error() { return error; }
}
