package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Streams that break after tokens reached the caller (cut without an end marker, reset, stalled) and
 * bodies that are not JSON: each is a failure that keeps its partial text, is not retried (the caller
 * already saw tokens) and is never cached: asked again, the request goes to the model.
 */
final class BrokenStreamScenario implements Scenario {

    private static final int PER_FAULT = 4;

    @Override public String name() { return "brokenStreams"; }

    @Override public String description() {
        return "stream cut after 2 chunks, reset, stalled, malformed JSON: marked failed with the partial text, never cached";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        var faults = new LinkedHashMap<String, FaultServer.Behaviour>();
        faults.put("cut", FaultServer.Behaviour.cutAfter(2));
        faults.put("reset", FaultServer.Behaviour.resetAfter(2));
        faults.put("stall", FaultServer.Behaviour.stallAfter(2));
        faults.put("malformed", FaultServer.Behaviour.malformed());
        var result = new ScenarioResult.Builder(name());
        var kinds = new LinkedHashMap<String, String>();
        long withPartial = 0;
        long cached = 0;
        long sentTotal = 0;
        try (var server = new FaultServer()) {
            var provider = FaultEngines.provider("broken", server, Duration.ofSeconds(5), FaultEngines.resilience(3, 1_000, Duration.ofSeconds(1)))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(800));
            try (var engine = Engine.open(FaultEngines.options(ctx.dir(name()), "broken", List.of(provider), SimulatorSettings.DEFAULTS))) {
                for (var fault : faults.entrySet()) {
                    server.behave(fault.getValue());
                    ctx.say(name() + ": " + PER_FAULT + " requests to a stream that is " + fault.getKey());
                    var prompts = new ArrayList<String>();
                    for (int i = 0; i < PER_FAULT; i++) prompts.add(fault.getKey() + " stream question " + i);
                    var sent = Traffic.send(engine.pipeline(), PER_FAULT, PER_FAULT, i -> FaultEngines.request("broken", prompts.get(i)));
                    sentTotal += PER_FAULT;
                    result.answered(sent.answered()).failed(sent.failed());
                    for (ChatResult r : sent.results()) {
                        if (r instanceof ChatResult.Failed f) {
                            kinds.merge(fault.getKey(), f.error().kind().name(), (a, b) -> a.contains(b) ? a : a + "," + b);
                            if (!f.partialText().isEmpty()) withPartial++;
                        }
                    }
                    // The same requests again, the server now well: every one must reach the model, none the cache.
                    server.behave(FaultServer.Behaviour.answer());
                    for (String p : prompts) {
                        var again = engine.pipeline().execute(FaultEngines.request("broken", p), TokenListener.NONE, new Cancellation());
                        if (again instanceof ChatResult.Answered a && a.source() != AnswerSource.MODEL) cached++;
                    }
                }
            }
            result.sent(sentTotal).duplicateCalls(server.duplicateCalls())
                    .figure("errorKinds", kinds)
                    .figure("failuresWithPartialText", withPartial)
                    .figure("brokenAnswersServedFromCache", cached);
            result.check(cached == 0, cached + " broken answers were served from a cache")
                    .check(result.answered == 0, result.answered + " broken streams were taken as answers")
                    .check(withPartial >= 3L * PER_FAULT, "only " + withPartial + " failures kept the text streamed before the break");
        }
        return result.build();
    }
}
