package dev.cachet.engine.routing;

import java.util.List;

/** A message's complexity level and the cues that set it. */
public record Complexity(ComplexityLevel level, List<String> reasons) {
    public Complexity { reasons = List.copyOf(reasons); }

    public String reason() { return reasons.isEmpty() ? level.key() : String.join(", ", reasons); }
}
