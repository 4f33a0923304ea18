package dev.cachet.engine.experiments;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatParams;

import java.util.ArrayList;
import java.util.List;

/**
 * One experiment, resolved: its prompts (template variants or raw prompts), the models they run on,
 * the test cases with their assertions (defaults already merged in), and how to run it. Self-contained,
 * so a run stores it whole and a resume needs nothing else; read from Cachet's YAML or a promptfoo config.
 *
 * @param source      where it was read from (a file path), for messages and the run list
 * @param params      applied to every cell, over a template's own params; may be {@link ChatParams#DEFAULTS}
 * @param repeat      repetitions of every case (each with its own seed)
 * @param concurrency cells in flight at once
 * @param cache       how cells may use the response caches: BYPASS unless the file says otherwise
 * @param judge       the model that grades llm-rubric assertions
 * @param format      "cachet" or "promptfoo"
 */
public record ExperimentDefinition(String id, String description, String source, List<ExperimentPrompt> prompts,
                                   List<ModelTarget> models, ChatParams params, List<TestCase> cases, int repeat,
                                   int concurrency, CacheMode cache, long seed, ModelTarget judge, String format) {

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final long DEFAULT_SEED = 42;

    public ExperimentDefinition {
        prompts = List.copyOf(prompts);
        models = List.copyOf(models);
        cases = List.copyOf(cases);
        if (repeat < 1) throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }

    /** Every prompt on every model, prompts first: the arms the statistics compare. */
    public List<Arm> arms() {
        var out = new ArrayList<Arm>();
        for (ExperimentPrompt p : prompts) {
            for (ModelTarget m : models) {
                String name = models.size() == 1 ? p.label() : prompts.size() == 1 ? m.label() : p.label() + " @ " + m.label();
                out.add(new Arm(out.size(), name, p, m));
            }
        }
        return out;
    }

    /** Cells in the whole run: arms × cases × repetitions. */
    public int totalCells() { return prompts.size() * models.size() * cases.size() * repeat; }

    public ExperimentDefinition withModels(List<ModelTarget> m) {
        return new ExperimentDefinition(id, description, source, prompts, m, params, cases, repeat, concurrency, cache, seed, judge, format);
    }

    public ExperimentDefinition withRepeat(int r) {
        return new ExperimentDefinition(id, description, source, prompts, models, params, cases, r, concurrency, cache, seed, judge, format);
    }

    public ExperimentDefinition withConcurrency(int c) {
        return new ExperimentDefinition(id, description, source, prompts, models, params, cases, repeat, c, cache, seed, judge, format);
    }

    /** One prompt on one model. */
    public record Arm(int index, String name, ExperimentPrompt prompt, ModelTarget model) { }
}
