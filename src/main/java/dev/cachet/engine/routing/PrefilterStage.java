package dev.cachet.engine.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Stage "prefilter", before any cache: what is not worth a model call is answered or refused here,
 * always with a reason, never dropped. An empty message is refused. The same message again in the same
 * session within {@link RoutingSettings#repeatWindow()} gets the answer the session got a moment ago;
 * while that first request is still running, the repeat is refused (it will be answered once). Turns
 * that ask on purpose (Regenerate, cache bypassed) pass.
 */
public final class PrefilterStage implements Stage {

    private record Turn(String text, Instant at, String answer, ModelRef model, Usage usage) {
        boolean answered() { return answer != null; }
    }

    private static final ContextKey<String> SESSION_KEY = ContextKey.of("prefilter.session", String.class);
    private static final ContextKey<Turn> PENDING = ContextKey.of("prefilter.turn", Turn.class);

    private final Duration window;
    private final InstantSource clock;
    /** Session id → its last turn; entries leave after the window. */
    private final Cache<String, Turn> lastTurn;

    public PrefilterStage(Duration window, InstantSource clock) {
        this.window = window;
        this.clock = clock;
        this.lastTurn = Caffeine.newBuilder().maximumSize(10_000).ticker(ticker(clock))
                .expireAfterWrite(window.isZero() ? Duration.ofMillis(1) : window).build();
    }

    @Override public String name() { return "prefilter"; }

    @Override
    public StageResult process(RequestContext ctx) {
        var request = ctx.request();
        String text = request.lastUserText();
        if (text.isBlank()) {
            var error = new ChatError(ChatError.Kind.BAD_REQUEST, "the message is empty: nothing to send to a model",
                    "type a question or an instruction");
            return new StageResult.Fail(StageResult.Note.of("refused", "empty message"), error, "");
        }
        String session = request.sessionId();
        if (session == null || window.isZero() || request.cacheMode() != CacheMode.USE) {
            return new StageResult.Continue(StageResult.Note.of("passed", session == null ? "one-off request" : "asked on purpose"));
        }
        String normal = DecisionCache.normalize(text);
        Instant now = clock.instant();
        Turn previous = lastTurn.getIfPresent(session);
        ctx.put(SESSION_KEY, session);
        if (previous != null && previous.text().equals(normal) && Duration.between(previous.at(), now).compareTo(window) <= 0) {
            String ago = Duration.between(previous.at(), now).toMillis() / 1000.0 + " s ago";
            if (!previous.answered()) {
                var error = new ChatError(ChatError.Kind.BAD_REQUEST, "the same message is already being answered in this session ("
                        + "sent " + ago + ")", "wait for that answer; use Regenerate to ask again on purpose");
                return new StageResult.Fail(StageResult.Note.of("refused", "repeat of a message still being answered"), error, "");
            }
            var note = StageResult.Note.of("repeat", "the same message " + ago + " in this session: its answer stands",
                    Map.of("window", window.toMillis() + " ms", "model", previous.model().toString()));
            return new StageResult.Answer(note, previous.answer(), AnswerSource.REPEAT, previous.model(), previous.usage(),
                    FinishReason.STOP, false);
        }
        var pending = new Turn(normal, now, null, null, null);
        lastTurn.put(session, pending);
        ctx.put(PENDING, pending);
        return new StageResult.Continue(StageResult.Note.of("passed", "worth a model call"));
    }

    @Override
    public void onFinished(RequestContext ctx, ChatResult result) {
        ctx.get(SESSION_KEY).ifPresent(session -> {
            Turn mine = ctx.get(PENDING).orElse(null);
            if (mine == null || lastTurn.getIfPresent(session) != mine) return; // the session has moved on
            if (result instanceof ChatResult.Answered a && a.source() != AnswerSource.REPEAT && a.finish() == FinishReason.STOP) {
                lastTurn.put(session, new Turn(mine.text(), mine.at(), a.text(), a.model(), a.usage()));
            } else {
                lastTurn.invalidate(session); // failed or cancelled: a repeat is a fair retry
            }
        });
    }

    private static Ticker ticker(InstantSource clock) {
        return () -> {
            Instant i = clock.instant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        };
    }
}
