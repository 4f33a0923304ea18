package dev.cachet.engine.experiments.assertions;

import dev.cachet.engine.chat.FinishReason;

/** What the assertions look at: the answer and what it cost. */
public record CellOutput(String text, double latencyMs, double costUsd, FinishReason finish) { }
