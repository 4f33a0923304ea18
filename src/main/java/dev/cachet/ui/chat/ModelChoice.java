package dev.cachet.ui.chat;

import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.SimulatorProvider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One entry of the model picker: a provider and one of its models, or {@link #AUTO} (no model named:
 * routing's complexity tier chooses, else the default model). Never null fields: AUTO's are empty, so
 * code that compares a choice's provider or model with a name simply finds no match.
 */
public record ModelChoice(String provider, String model, String providerName) {

    /** The request names no model: the complexity level's tier (routing.tiers) applies, else the default model. */
    public static final ModelChoice AUTO = new ModelChoice("", "", "auto");

    public ModelChoice {
        java.util.Objects.requireNonNull(provider, "provider");
        java.util.Objects.requireNonNull(model, "model");
    }

    public boolean simulator() { return SimulatorProvider.ID.equals(provider); }

    public boolean auto() { return provider.isEmpty() && model.isEmpty(); }

    /** The provider a request names: null for {@link #AUTO} (the pipeline chooses). */
    public String requestProvider() { return auto() ? null : provider; }

    /** The model a request names: null for {@link #AUTO}. */
    public String requestModel() { return auto() ? null : model; }

    /** "simulator · sim-small" — the simulator is always named as such, never passed off as an LLM. */
    public String label() { return auto() ? "auto · routing chooses the tier" : providerName + " · " + model; }

    @Override public String toString() { return label(); }

    /** Every model the registry offers (default model first), without touching the network. */
    public static List<ModelChoice> from(ProviderRegistry registry) {
        var out = new ArrayList<ModelChoice>();
        for (var entry : registry.entries()) {
            var names = new LinkedHashSet<String>();
            names.add(entry.defaultModel());
            names.addAll(entry.knownModels());
            for (String m : names) out.add(new ModelChoice(entry.provider().id(), m, entry.provider().displayName()));
        }
        return out;
    }
}
