package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.provider.SimulatorSettings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A provider that allows 10 requests a second (and says so in its {@code x-ratelimit-*} headers, and
 * answers 429 with {@code Retry-After} beyond it) gets far more at once. Cachet is told nothing about
 * the limit: its limiter follows the headers, holds requests on a 429, and retries, so that no 429
 * reaches a caller and the throughput tracks what the server allows.
 */
final class RateLimitScenario implements Scenario {

    private static final double ALLOWED_PER_SECOND = 10;

    @Override public String name() { return "rateLimit"; }

    @Override public String description() {
        return "requests against a server allowing 10 req/s: no 429 reaches a caller, throughput tracks the allowed rate";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        int count = ctx.quick() ? 600 : 2_000;
        var result = new ScenarioResult.Builder(name());
        try (var server = new FaultServer().allow(ALLOWED_PER_SECOND, 10)) {
            var provider = FaultEngines.provider("limited", server, Duration.ofSeconds(10), null);
            var dataDir = ctx.dir(name());
            var expected = new LinkedHashMap<String, String>();
            Traffic.Sent sent;
            try (var engine = Engine.open(FaultEngines.options(dataDir, "limited", List.of(provider), SimulatorSettings.DEFAULTS))) {
                ctx.say(name() + ": " + count + " requests, 32 at a time, to a server allowing " + (int) ALLOWED_PER_SECOND + " req/s");
                sent = Traffic.send(engine.pipeline(), count, 32, i -> FaultEngines.request("limited", prompt(i)));
                for (int i = 0; i < count; i++) {
                    if (sent.results().get(i) instanceof ChatResult.Answered a) expected.put(prompt(i), a.text());
                }
            }
            double seconds = sent.wall().toNanos() / 1e9;
            double throughput = sent.answered() / seconds;
            result.sent(count).answered(sent.answered()).failed(sent.failed())
                    .rateLimitedToCallers(sent.failedWith(ChatError.Kind.RATE_LIMITED)).duplicateCalls(server.duplicateCalls())
                    .figure("allowedPerSecond", ALLOWED_PER_SECOND)
                    .figure("throughputPerSecond", round(throughput))
                    .figure("throughputShareOfAllowed", round(throughput / ALLOWED_PER_SECOND))
                    .figure("wallSeconds", round(seconds))
                    .figure("server429sAbsorbed", server.refusedForRate())
                    .figure("serverRequests", server.requests());
            result.lost(FaultEngines.lostAfterRestart(dataDir, "limited", expected));
            result.check(sent.failed() == 0, sent.failed() + " requests failed, first: " + sent.firstFailure())
                    .check(sent.failedWith(ChatError.Kind.RATE_LIMITED) == 0, "429s reached callers")
                    .check(server.completedAnswers() >= sent.answered(), "answers the server never sent");
        }
        return result.build();
    }

    static String prompt(int i) { return "rate-limited question " + i; }

    static double round(double v) { return Math.round(v * 100) / 100.0; }
}
