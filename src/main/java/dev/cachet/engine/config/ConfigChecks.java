package dev.cachet.engine.config;

import dev.cachet.engine.definitions.ClosestName;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorScript;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a config needs beyond each field's own range: providers that can be built (id, kind, address,
 * default model), ids that are unique, and references (default provider, fallbacks) that lead somewhere.
 * Each problem names the field by its path in the file ({@code providers[1].fallbacks[0]}).
 */
public final class ConfigChecks {

    /** A problem with one field, by its path in the file. */
    public record Problem(String path, String message) { }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ConfigChecks() { }

    public static List<Problem> of(CachetConfig config) {
        var problems = new ArrayList<Problem>();
        List<ProviderConfig> providers = config.providers();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            ProviderConfig p = providers.get(i);
            String at = "providers[" + i + "]";
            if (p.id() == null || p.id().isBlank()) {
                problems.add(new Problem(at + ".id", "every provider needs an id (the name requests and fallbacks use)"));
            } else if (p.id().equals(SimulatorProvider.ID)) {
                problems.add(new Problem(at + ".id", "'simulator' is the built-in simulator's id: pick another"));
            } else if (!ID.matcher(p.id()).matches()) {
                problems.add(new Problem(at + ".id", "'" + p.id() + "' may hold letters, digits, '.', '_' and '-' only"));
            } else if (firstIndex.containsKey(p.id())) {
                problems.add(new Problem(at + ".id", "'" + p.id() + "' is already the id of providers[" + firstIndex.get(p.id()) + "]"));
            } else {
                firstIndex.put(p.id(), i);
            }
            checkServer(p, at, problems);
        }
        Set<String> active = new LinkedHashSet<>();
        active.add(SimulatorProvider.ID);
        for (ProviderConfig p : config.activeProviders()) if (p.id() != null) active.add(p.id());
        Set<String> all = new LinkedHashSet<>(active);
        for (ProviderConfig p : providers) if (p.id() != null) all.add(p.id());

        String d = config.defaultProvider();
        if (!d.equals(CachetConfig.AUTO)) {
            var known = new ArrayList<String>();
            known.add(CachetConfig.AUTO);
            known.addAll(active);
            String problem = reference(d, active, all, known);
            if (problem != null) problems.add(new Problem("defaultProvider", problem));
        }
        for (int i = 0; i < providers.size(); i++) {
            ProviderConfig p = providers.get(i);
            for (int f = 0; f < p.fallbacks().size(); f++) {
                String fallback = p.fallbacks().get(f);
                String target = fallback.contains("/") ? fallback.substring(0, fallback.indexOf('/')) : fallback;
                String problem = target.equals(p.id()) ? "a provider cannot fall back to itself"
                        : reference(target, active, all, List.copyOf(active));
                if (problem != null) problems.add(new Problem("providers[" + i + "].fallbacks[" + f + "]", problem));
            }
        }
        return problems;
    }

    /**
     * What is wrong with the simulator's script ({@code simulator.script}): a file that is missing or does not
     * read, one line per problem; empty when it loads.
     */
    public static List<String> scriptProblems(String script, java.nio.file.Path base) {
        try {
            SimulatorScript.load(script, base);
            return List.of();
        } catch (IllegalArgumentException e) {
            return e.getMessage().lines().toList();
        }
    }

    private static void checkServer(ProviderConfig p, String at, List<Problem> problems) {
        if (p.kind() == null || p.kind().isBlank()) {
            problems.add(new Problem(at + ".kind", "needed: one of " + String.join(", ", ProviderConfig.KINDS)));
        } else if (!ProviderConfig.KINDS.contains(p.kind())) {
            problems.add(new Problem(at + ".kind", "unknown kind '" + p.kind() + "'" + ClosestName.hintOrKnown(p.kind(), ProviderConfig.KINDS)));
        }
        String url = baseUrlProblem(p.baseUrl());
        if (url != null) problems.add(new Problem(at + ".baseUrl", url));
        if (p.defaultModel() == null || p.defaultModel().isBlank()) {
            problems.add(new Problem(at + ".defaultModel",
                    "needed: the model requests get when they name none, e.g. defaultModel: gpt-4o-mini"));
        }
    }

    /** Null when {@code url} is an absolute http(s) URL with a host. */
    public static String baseUrlProblem(String url) {
        if (url == null || url.isBlank()) return "needed: the server's address, e.g. http://127.0.0.1:8080/v1";
        String t = url.strip();
        if (!t.startsWith("http://") && !t.startsWith("https://")) return "'" + url + "' is not an http:// or https:// URL";
        String afterScheme = t.substring(t.indexOf("://") + 3);
        if (afterScheme.isEmpty() || afterScheme.startsWith("/")) return "'" + url + "' has no host name";
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            return "'" + url + "' is not a valid URL (spaces or stray characters?)";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) return "'" + url + "' has no host name";
        return null;
    }

    private static String reference(String id, Set<String> active, Set<String> all, List<String> known) {
        if (active.contains(id)) return null;
        if (all.contains(id)) return "provider '" + id + "' is disabled (enabled: false)";
        return "unknown provider '" + id + "'" + ClosestName.hintOrKnown(id, known);
    }
}
