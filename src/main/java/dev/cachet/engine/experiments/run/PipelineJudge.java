package dev.cachet.engine.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.assertions.RubricJudge;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;

import java.util.List;
import java.util.Map;

/**
 * The {@code llm-rubric} judge: the judge template ({@value #TEMPLATE}, prompts/judges/llm-rubric.yaml)
 * rendered with the output and the rubric, sent to the judge model through the pipeline with the cache
 * on, so the same output and rubric are graded once per template version and model: the verdict is
 * cached like any answer.
 */
public final class PipelineJudge implements RubricJudge {

    public static final String TEMPLATE = "llm-rubric-judge";

    private final Pipeline pipeline;
    private final ModelTarget model;

    public PipelineJudge(Pipeline pipeline, ModelTarget model) {
        this.pipeline = pipeline;
        this.model = model;
    }

    @Override
    public Verdict grade(String rubric, String output) throws JudgeException, InterruptedException {
        var request = new ChatRequest(model.provider(), model.model(), List.of(), ChatParams.DEFAULTS, null, null, CacheMode.USE, null,
                new TemplateInvocation(TEMPLATE, null, Map.of("output", output, "rubric", rubric)));
        ChatResult r = pipeline.execute(request, TokenListener.NONE, new Cancellation());
        return switch (r) {
            case ChatResult.Answered a -> parse(a.text());
            case ChatResult.Failed f -> throw new JudgeException(model.label() + " failed: " + f.error().oneLine());
            case ChatResult.Cancelled c -> throw new InterruptedException("judge cancelled");
        };
    }

    /** The first JSON object with "pass" or "score" in the reply. */
    static Verdict parse(String reply) throws JudgeException {
        int i = reply.indexOf('{');
        while (i >= 0) {
            try (var p = ExperimentStore.JSON.getFactory().createParser(reply.substring(i))) {
                JsonNode n = ExperimentStore.JSON.readTree(p);
                if (n != null && n.isObject() && (n.has("pass") || n.has("score"))) {
                    Double score = n.has("score") && n.get("score").isNumber() ? n.get("score").asDouble() : null;
                    boolean pass = n.has("pass") ? n.get("pass").asBoolean() : score != null && score >= 0.5;
                    double s = score != null ? Math.max(0, Math.min(1, score)) : pass ? 1 : 0;
                    return new Verdict(pass, s, n.path("reason").asText("no reason given"));
                }
            } catch (java.io.IOException e) {
                // not JSON from this brace on
            }
            i = reply.indexOf('{', i + 1);
        }
        String shown = reply.strip().replaceAll("\\s+", " ");
        throw new JudgeException("the judge's answer is not a verdict ({\"pass\", \"score\", \"reason\"}): \""
                + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown) + "\"");
    }
}
