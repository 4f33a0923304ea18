package dev.cachet.engine.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a request goes when its provider fails: per provider id, an ordered list of targets, each
 * "provider" (its default model) or "provider/model".
 */
public final class FallbackChain {

    private final ProviderRegistry registry;
    private final Map<String, List<String>> fallbacks;

    public FallbackChain(ProviderRegistry registry, Map<String, List<String>> fallbacks) {
        this.registry = registry;
        this.fallbacks = Map.copyOf(fallbacks);
    }

    public static FallbackChain none() { return new FallbackChain(null, Map.of()); }

    /** A target of the chain, or why a configured one cannot be used. */
    public record Link(ResolvedModel target, String unusable) { }

    /** The primary target followed by its fallbacks, without repeats. */
    public List<Link> chain(ResolvedModel primary) {
        var out = new ArrayList<Link>();
        var seen = new LinkedHashMap<String, Boolean>();
        out.add(new Link(primary, null));
        seen.put(primary.ref().toString(), true);
        for (String spec : fallbacks.getOrDefault(primary.ref().provider(), List.of())) {
            int slash = spec.indexOf('/');
            String provider = slash < 0 ? spec : spec.substring(0, slash);
            String model = slash < 0 ? null : spec.substring(slash + 1);
            try {
                ResolvedModel target = registry.resolve(provider, model);
                if (seen.putIfAbsent(target.ref().toString(), true) == null) out.add(new Link(target, null));
            } catch (ProviderException e) {
                out.add(new Link(null, "fallback '" + spec + "' unusable: " + e.error().message()));
            }
        }
        return out;
    }
}
