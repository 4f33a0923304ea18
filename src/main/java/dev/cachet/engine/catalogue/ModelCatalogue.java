package dev.cachet.engine.catalogue;

import dev.cachet.engine.config.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model defaults and per-model parameter rules, as data: {@code models.yaml} inside the jar, under
 * {@code DATA_DIR/models.yaml} when the user has one (read first: its entries win field by field).
 * Every entry whose kind and glob fit a model contributes the fields it sets; the first to set a
 * field wins, so specific entries go before general ones.
 */
public final class ModelCatalogue {

    /** The file a user may put in the data dir. */
    public static final String FILE = "models.yaml";

    private static final ModelCatalogue BUILT_IN = CatalogueFile.builtIn();

    private final List<CatalogueFile.Entry> entries;
    private final Map<String, String> defaultModels;
    /** Specs asked for so far: every request asks, and merging means matching every entry's globs. */
    private final Map<String, Map<String, ModelSpec>> specs = new java.util.concurrent.ConcurrentHashMap<>();

    ModelCatalogue(List<CatalogueFile.Entry> entries, Map<String, String> defaultModels) {
        this.entries = List.copyOf(entries);
        this.defaultModels = Map.copyOf(defaultModels);
    }

    /** The catalogue shipped in the jar. */
    public static ModelCatalogue builtIn() { return BUILT_IN; }

    /** The shipped catalogue under {@code dataDir/models.yaml}, when there is one. */
    public static ModelCatalogue load(Path dataDir) throws ConfigException {
        return CatalogueFile.read(dataDir.resolve(FILE)).map(user -> user.over(BUILT_IN)).orElse(BUILT_IN);
    }

    /** This catalogue's entries first, then {@code base}'s; defaults here win. */
    ModelCatalogue over(ModelCatalogue base) {
        var all = new ArrayList<>(entries);
        all.addAll(base.entries);
        var defaults = new java.util.HashMap<>(base.defaultModels);
        defaults.putAll(defaultModels);
        return new ModelCatalogue(all, defaults);
    }

    /** The model a provider of {@code kind} uses when its config names none. */
    public Optional<String> defaultModel(String kind) { return Optional.ofNullable(defaultModels.get(kind)); }

    /** Everything the entries say about {@code model} served by a provider of {@code kind}. */
    public ModelSpec spec(String kind, String model) {
        var ofKind = specs.computeIfAbsent(kind, k -> new java.util.concurrent.ConcurrentHashMap<>());
        if (ofKind.size() > 4_096) ofKind.clear(); // model names are few; this only bounds a pathological caller
        return ofKind.computeIfAbsent(model, m -> merge(kind, m));
    }

    private ModelSpec merge(String kind, String model) {
        var merged = new CatalogueFile.Entry(kind, List.of(model), null, null, null, null, null, null, null, null, null, null, null, null);
        for (CatalogueFile.Entry e : entries) {
            if (e.kind().equals(kind) && e.matches(model)) merged = merged.orElse(e);
        }
        return merged.toSpec(model);
    }

    /**
     * Prices per "kind/glob" in catalogue order, for providers whose id is the kind (the hosted APIs);
     * a price table looks them up after the configured prices.
     */
    public Map<String, ModelSpec.Price> prices() {
        var out = new java.util.LinkedHashMap<String, ModelSpec.Price>();
        for (CatalogueFile.Entry e : entries) {
            if (e.price() == null) continue;
            for (String glob : e.match()) out.putIfAbsent(e.kind() + "/" + glob, e.price());
        }
        return out;
    }
}
