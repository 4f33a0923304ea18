package dev.cachet.engine.experiments.run;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.ResolvedModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Before a run: can every model it names be asked? An unknown provider or model, or a provider whose
 * API key is not set, would fail every one of its cells; better one line naming it before the first
 * cell. A promptfoo suite written for OpenAI usually wants {@code --provider} here.
 */
public final class ModelCheck {

    private ModelCheck() { }

    /** One message per model that cannot be asked; empty when all can. Key values are never read into messages. */
    public static List<String> problems(ExperimentDefinition d, ProviderRegistry providers, List<ProviderConfig> configs, Environment env) {
        var targets = new LinkedHashSet<>(d.models());
        if (d.judge() != null && d.cases().stream().anyMatch(c -> c.assertions().stream().anyMatch(a -> a.baseType().equals("llm-rubric")))) {
            targets.add(d.judge());
        }
        var out = new ArrayList<String>();
        for (ModelTarget t : targets) {
            if (t.equals(ModelTarget.DEFAULT)) continue; // the template's model, or the default provider's
            ResolvedModel m;
            try {
                m = providers.resolve(t.provider(), t.model());
            } catch (ProviderException e) {
                out.add(t.label() + ": " + e.error().oneLine());
                continue;
            }
            for (ProviderConfig pc : configs) {
                if (!pc.id().equals(m.ref().provider())) continue;
                boolean needsKey = pc.apiKeyEnv() != null && !pc.apiKeyEnv().isBlank() && !"ollama".equals(pc.kind());
                if (needsKey && env.get(pc.apiKeyEnv()).isEmpty()) {
                    out.add(t.label() + ": " + pc.apiKeyEnv() + " is not set — export " + pc.apiKeyEnv()
                            + "=<your key>, or run on another model (e.g. --provider simulator)");
                }
            }
        }
        return out;
    }
}
