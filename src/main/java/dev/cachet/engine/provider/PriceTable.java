package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Map;

/**
 * USD per million tokens, per "provider/model" (or "provider/*"). Models without a price cost 0
 * (local models); the simulator is priced like a small hosted model so savings are visible in demos.
 */
public record PriceTable(@JsonValue Map<String, Price> prices) {

    public record Price(double inputPerMillion, double outputPerMillion) { }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PriceTable { prices = Map.copyOf(prices); }

    public static PriceTable defaults() {
        return new PriceTable(Map.of(
                "simulator/*", new Price(0.15, 0.60),
                "openai/gpt-4o-mini", new Price(0.15, 0.60),
                "openai/gpt-4o", new Price(2.50, 10.00),
                "openai/gpt-4.1-mini", new Price(0.40, 1.60),
                "anthropic/claude-3-5-haiku-latest", new Price(0.80, 4.00),
                "anthropic/claude-sonnet-4-5", new Price(3.00, 15.00)));
    }

    public Price price(ModelRef model) {
        Price p = prices.get(model.provider() + "/" + model.model());
        if (p == null) p = prices.get(model.provider() + "/*");
        return p == null ? new Price(0, 0) : p;
    }

    public double cost(ModelRef model, Usage usage) {
        Price p = price(model);
        return (usage.inputTokens() * p.inputPerMillion() + usage.outputTokens() * p.outputPerMillion()) / 1_000_000.0;
    }
}
