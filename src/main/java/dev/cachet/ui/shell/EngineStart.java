package dev.cachet.ui.shell;

import dev.cachet.engine.EngineOptions;

import java.util.List;

/**
 * How the workbench opens its engine, and what had to be worked around to get there (the window opens
 * anyway, on defaults where it must, and shows the problems).
 */
public record EngineStart(EngineOptions options, List<StartupProblem> problems) {
    public EngineStart { problems = List.copyOf(problems); }
}
