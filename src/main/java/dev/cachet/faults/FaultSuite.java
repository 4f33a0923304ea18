package dev.cachet.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The fault suite: every scenario, run against the real engine, local misbehaving servers and separate
 * JVMs. The rate-limit scenario spends its time waiting for the server's budget, so it runs beside the
 * others; the rest run one after another. A scenario that throws is a failed scenario, never a lost run.
 */
public final class FaultSuite {

    private FaultSuite() { }

    /** Every scenario, in the order they run. */
    public static List<Scenario> all() {
        return List.of(new RateLimitScenario(), new PrimaryDownScenario(), new SlowFirstTokenScenario(), new BrokenStreamScenario(),
                new KillDuringReplayScenario(), new TwoWritersScenario(), new ManyAnswersScenario(), new CorruptDatabaseScenario(),
                new ExitDuringWarmUpScenario(), new BadInputScenario(), new KeyLeakScenario(), new IsolationScenario());
    }

    /** Runs {@code scenarios}; the results keyed by scenario name, in the order given. */
    public static Map<String, ScenarioResult> run(List<Scenario> scenarios, FaultContext ctx) throws InterruptedException {
        var results = new LinkedHashMap<String, ScenarioResult>();
        var background = new LinkedHashMap<String, CompletableFuture<ScenarioResult>>();
        var inOrder = new ArrayList<Scenario>();
        for (Scenario s : scenarios) {
            if (s instanceof RateLimitScenario) {
                var f = new CompletableFuture<ScenarioResult>();
                Thread.ofVirtual().name("faults-" + s.name()).start(() -> f.complete(runOne(s, ctx)));
                background.put(s.name(), f);
            } else {
                inOrder.add(s);
            }
        }
        var done = new LinkedHashMap<String, ScenarioResult>();
        for (Scenario s : inOrder) done.put(s.name(), runOne(s, ctx));
        for (var e : background.entrySet()) {
            try {
                done.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
        for (Scenario s : scenarios) results.put(s.name(), done.get(s.name()));
        return results;
    }

    private static ScenarioResult runOne(Scenario s, FaultContext ctx) {
        long start = System.nanoTime();
        ScenarioResult r;
        try {
            r = s.run(ctx);
        } catch (Exception | AssertionError e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            r = new ScenarioResult.Builder(s.name()).check(false, "the scenario itself failed: " + e).build();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ctx.say(s.name() + ": " + (r.passed() ? "held" : "FAILED " + r.problems()) + String.format(java.util.Locale.ROOT, " (%.1f s)", seconds));
        var figures = new LinkedHashMap<>(r.figures());
        figures.put("scenarioSeconds", Math.round(seconds * 10) / 10.0);
        return new ScenarioResult(r.name(), r.sent(), r.answered(), r.failed(), r.lost(), r.duplicateCalls(), r.rateLimitedToCallers(),
                figures, r.problems());
    }

    /** The JSON summary: one object per scenario, plus whether all held. */
    public static String json(Map<String, ScenarioResult> results) {
        var m = new LinkedHashMap<String, Object>();
        results.forEach((name, r) -> m.put(name, r.json()));
        m.put("allHeld", results.values().stream().allMatch(ScenarioResult::passed));
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
