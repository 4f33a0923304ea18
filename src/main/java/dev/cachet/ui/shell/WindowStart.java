package dev.cachet.ui.shell;

import dev.cachet.engine.EngineOptions;

import java.util.List;

/**
 * What the window opens its engine with, and what had to be worked around to get there (a settings file
 * it could not use: it runs on the defaults for it). The window shows these problems with the engine's own.
 */
public record WindowStart(EngineOptions options, List<StartupProblem> problems) {
    public WindowStart { problems = List.copyOf(problems); }
}
