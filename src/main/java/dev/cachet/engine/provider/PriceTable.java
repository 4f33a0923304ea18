package dev.cachet.engine.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cachet.engine.catalogue.Glob;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.config.InvalidFieldException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * USD per million tokens, per "provider/model"; a key may be a glob ("simulator/*",
 * "anthropic/claude-haiku-4-5*"). An exact key wins, then the first glob that matches, in order.
 * Models without a price cost 0 (local models); the simulator is priced like a small hosted model so
 * savings are visible in demos. Hosted models are priced by the model catalogue
 * ({@link #withCatalogue}); what cachet.yaml sets comes first.
 */
public final class PriceTable {

    public record Price(double inputPerMillion, double outputPerMillion) {
        public Price {
            if (!(inputPerMillion >= 0)) throw new InvalidFieldException("inputPerMillion", "must not be negative, was " + inputPerMillion);
            if (!(outputPerMillion >= 0)) throw new InvalidFieldException("outputPerMillion", "must not be negative, was " + outputPerMillion);
        }
    }

    private static final Price FREE = new Price(0, 0);

    private final Map<String, Price> prices;
    /** Answers already looked up: a cache hit prices its saving on every request. */
    private final Map<ModelRef, Price> resolved = new ConcurrentHashMap<>();

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PriceTable(Map<String, Price> prices) {
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** The configured defaults: the simulator. Model prices come from the catalogue. */
    public static PriceTable defaults() {
        return new PriceTable(Map.of("simulator/*", new Price(0.15, 0.60)));
    }

    @JsonValue public Map<String, Price> prices() { return prices; }

    /** These prices, then the catalogue's (each "kind/glob" applies to the provider whose id is that kind). */
    public PriceTable withCatalogue(ModelCatalogue catalogue) {
        var all = new LinkedHashMap<>(prices);
        catalogue.prices().forEach((key, p) -> all.putIfAbsent(key, new Price(p.input(), p.output())));
        return new PriceTable(all);
    }

    public Price price(ModelRef model) {
        return resolved.computeIfAbsent(model, this::lookup);
    }

    private Price lookup(ModelRef model) {
        String key = model.provider() + "/" + model.model();
        Price p = prices.get(key);
        if (p != null) return p;
        for (var e : prices.entrySet()) {
            if ((e.getKey().indexOf('*') >= 0 || e.getKey().indexOf('?') >= 0) && Glob.matches(e.getKey(), key)) return e.getValue();
        }
        return FREE;
    }

    public double cost(ModelRef model, Usage usage) {
        Price p = price(model);
        return (usage.inputTokens() * p.inputPerMillion() + usage.outputTokens() * p.outputPerMillion()) / 1_000_000.0;
    }

    @Override public boolean equals(Object o) { return o instanceof PriceTable t && t.prices.equals(prices); }
    @Override public int hashCode() { return prices.hashCode(); }
    @Override public String toString() { return "PriceTable" + prices; }
}
