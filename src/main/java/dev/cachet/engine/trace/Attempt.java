package dev.cachet.engine.trace;

import java.time.Duration;

/**
 * One call of a provider (or a refusal to call it) within a request, for the trace's timeline.
 *
 * @param target  "provider/model"
 * @param start   when it started (its queueing included), from the start of the request
 * @param queued  how long it waited for a slot of the limiter
 * @param call    how long the call itself took (zero when it was never made)
 * @param outcome what came of it ("ok", "TIMEOUT: ...", "skipped: circuit open", ...)
 */
public record Attempt(String target, Duration start, Duration queued, Duration call, String outcome) {

    public Duration end() { return start.plus(queued).plus(call); }
}
