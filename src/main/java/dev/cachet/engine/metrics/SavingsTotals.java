package dev.cachet.engine.metrics;

import java.util.Map;

/** Savings overall and per answering stage. */
public record SavingsTotals(StageSavings total, Map<String, StageSavings> byStage) {
    public SavingsTotals { byStage = Map.copyOf(byStage); }

    public StageSavings stage(String name) { return byStage.getOrDefault(name, StageSavings.NONE); }
}
