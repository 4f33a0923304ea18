package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.provider.SimulatorSettings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The primary sends its headers at once but holds its first token back for 3 s, past its first-token
 * limit of 1 s: each request fails over to the next provider as soon as the limit passes (the late
 * stream is closed, not retried), so the caller's time to first token is the limit plus the fallback's.
 */
final class SlowFirstTokenScenario implements Scenario {

    static final Duration LIMIT = Duration.ofSeconds(1);

    @Override public String name() { return "slowFirstToken"; }

    @Override public String description() {
        return "primary's first token comes after 3 s, its limit is 1 s: requests fail over within the limit plus a margin";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        int count = ctx.quick() ? 40 : 200;
        var result = new ScenarioResult.Builder(name());
        try (var slow = new FaultServer().behave(FaultServer.Behaviour.answer().firstTokenAfter(Duration.ofSeconds(3)));
             var backup = new FaultServer()) {
            // A breaker that never opens: every request meets the slow first token, none skips it.
            var resilience = FaultEngines.resilience(3, 1_000, Duration.ofSeconds(1));
            var providers = List.of(FaultEngines.provider("slow", slow, LIMIT, resilience, "backup"),
                    FaultEngines.provider("backup", backup, Duration.ofSeconds(10), resilience));
            var dataDir = ctx.dir(name());
            var expected = new LinkedHashMap<String, String>();
            Traffic.Sent sent;
            try (var engine = Engine.open(FaultEngines.options(dataDir, "slow", providers, SimulatorSettings.DEFAULTS))) {
                ctx.say(name() + ": " + count + " requests, 8 at a time; first token after 3 s, limit " + LIMIT.toMillis() + " ms");
                sent = Traffic.send(engine.pipeline(), count, 8, i -> FaultEngines.request("slow", "slow first token question " + i));
                for (int i = 0; i < count; i++) {
                    if (sent.results().get(i) instanceof ChatResult.Answered a) expected.put("slow first token question " + i, a.text());
                }
            }
            long retriedOnSlow = slow.requests() - count;
            result.sent(count).answered(sent.answered()).failed(sent.failed())
                    .rateLimitedToCallers(sent.failedWith(ChatError.Kind.RATE_LIMITED))
                    .duplicateCalls(slow.duplicateCalls() + backup.duplicateCalls())
                    .figure("firstTokenLimitMs", LIMIT.toMillis())
                    .figure("callerTtftP50Ms", RateLimitScenario.round(sent.ttftPercentile(50)))
                    .figure("callerTtftP95Ms", RateLimitScenario.round(sent.ttftPercentile(95)))
                    .figure("callerTtftMaxMs", RateLimitScenario.round(sent.ttftPercentile(100)))
                    .figure("answeredByFallback", sent.answeredBy("backup"))
                    .figure("slowProviderRetries", retriedOnSlow);
            result.lost(FaultEngines.lostAfterRestart(dataDir, "slow", expected));
            result.check(sent.failed() == 0, sent.failed() + " requests failed, first: " + sent.firstFailure())
                    .check(sent.answeredBy("backup") == count, "not every request failed over: " + sent.answeredBy("backup") + " of " + count)
                    .check(retriedOnSlow == 0, "a late first token was retried on the same provider " + retriedOnSlow + " times instead of failing over");
        }
        return result.build();
    }
}
