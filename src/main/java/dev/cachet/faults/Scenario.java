package dev.cachet.faults;

/** One fault scenario: sets up what misbehaves, sends traffic through the real engine, checks what came of it. */
public interface Scenario {

    /** The key of this scenario in the {@code faults} JSON ("rateLimit", "primaryDown", ...). */
    String name();

    /** What it proves, in one line (for {@code faults --list}). */
    String description();

    ScenarioResult run(FaultContext context) throws Exception;
}
