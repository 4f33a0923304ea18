package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.exec.CircuitBreaker;
import dev.cachet.engine.provider.SimulatorSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The primary provider is down (503 on everything) and comes back part-way through: every request is
 * answered, by the fallback while the primary is down; the primary's breaker opens, probes after its
 * cool-down, and closes once the primary answers again.
 */
final class PrimaryDownScenario implements Scenario {

    @Override public String name() { return "primaryDown"; }

    @Override public String description() {
        return "primary answers 503, then recovers: every request answered (by the fallback meanwhile), the breaker opens and later closes";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        int count = ctx.quick() ? 200 : 600;
        Duration gap = Duration.ofMillis(25);
        Duration downFor = gap.multipliedBy(count * 2L / 5);
        var result = new ScenarioResult.Builder(name());
        try (var primary = new FaultServer().behave(FaultServer.Behaviour.status(503)); var backup = new FaultServer()) {
            var resilience = FaultEngines.resilience(3, 5, Duration.ofSeconds(1));
            var providers = List.of(FaultEngines.provider("primary", primary, Duration.ofSeconds(10), resilience, "backup"),
                    FaultEngines.provider("backup", backup, Duration.ofSeconds(10), resilience));
            var dataDir = ctx.dir(name());
            var expected = new LinkedHashMap<String, String>();
            Traffic.Sent sent;
            List<CircuitBreaker.Transition> transitions;
            Instant start = Instant.now();
            try (var engine = Engine.open(FaultEngines.options(dataDir, "primary", providers, SimulatorSettings.DEFAULTS))) {
                ctx.say(name() + ": " + count + " requests over " + gap.multipliedBy(count).toSeconds() + " s; the primary is down for the first "
                        + downFor.toMillis() + " ms");
                Thread.ofVirtual().name("faults-primary-recovers").start(() -> {
                    try {
                        Thread.sleep(downFor);
                        primary.behave(FaultServer.Behaviour.answer());
                    } catch (InterruptedException ignored) {
                        // the scenario ended first
                    }
                });
                sent = Traffic.send(engine.pipeline(), count, 8, gap, i -> FaultEngines.request("primary", "primary-down question " + i));
                transitions = engine.guard("primary").breaker().transitions();
                for (int i = 0; i < count; i++) {
                    if (sent.results().get(i) instanceof ChatResult.Answered a) expected.put("primary-down question " + i, a.text());
                }
            }
            Long openedAt = firstAt(transitions, CircuitBreaker.State.OPEN, start, null);
            Long closedAt = openedAt == null ? null : firstAt(transitions, CircuitBreaker.State.CLOSED, start, openedAt);
            long opens = transitions.stream().filter(t -> t.to() == CircuitBreaker.State.OPEN).count();
            result.sent(count).answered(sent.answered()).failed(sent.failed())
                    .rateLimitedToCallers(sent.failedWith(ChatError.Kind.RATE_LIMITED))
                    .duplicateCalls(primary.duplicateCalls() + backup.duplicateCalls())
                    .figure("answeredByFallback", sent.answeredBy("backup"))
                    .figure("answeredByPrimary", sent.answeredBy("primary"))
                    .figure("primaryRecoveredAtMs", downFor.toMillis())
                    .figure("breakerOpenedAtMs", openedAt)
                    .figure("breakerClosedAtMs", closedAt)
                    .figure("breakerOpenings", opens)
                    .figure("primaryCallsWhileDown", primary.requests() - sent.answeredBy("primary"));
            result.lost(FaultEngines.lostAfterRestart(dataDir, "primary", expected));
            result.check(sent.failed() == 0, sent.failed() + " requests failed, first: " + sent.firstFailure())
                    .check(openedAt != null, "the breaker never opened")
                    .check(closedAt != null, "the breaker never closed after the primary recovered")
                    .check(sent.answeredBy("primary") > 0, "the primary answered nothing after it recovered");
        }
        return result.build();
    }

    /** Milliseconds from {@code start} to the first transition to {@code state} at or after {@code afterMs}. */
    private static Long firstAt(List<CircuitBreaker.Transition> transitions, CircuitBreaker.State state, Instant start, Long afterMs) {
        for (var t : transitions) {
            long ms = Duration.between(start, t.at()).toMillis();
            if (t.to() == state && (afterMs == null || ms >= afterMs)) return ms;
        }
        return null;
    }
}
