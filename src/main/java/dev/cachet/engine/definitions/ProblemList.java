package dev.cachet.engine.definitions;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file while it is read, so a person sees all of them at once. */
public final class ProblemList {

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    public ProblemList(String source) { this.source = source; }

    public String source() { return source; }

    public void error(Location at, String message) { problems.add(new Problem(source, at, Problem.Severity.ERROR, message)); }

    public void warning(Location at, String message) { problems.add(new Problem(source, at, Problem.Severity.WARNING, message)); }

    public boolean hasErrors() { return problems.stream().anyMatch(Problem::isError); }

    /** Errors first, each group in file order. */
    public List<Problem> list() {
        return problems.stream()
                .sorted(java.util.Comparator.comparing((Problem p) -> !p.isError())
                        .thenComparingInt(p -> p.at().line()).thenComparingInt(p -> p.at().column()))
                .toList();
    }
}
