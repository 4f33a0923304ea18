package dev.cachet.engine.workload;

import java.util.List;

/** A parsed workload: the requests that parsed, and one problem per line that did not. */
public record Workload(String source, List<WorkloadItem> items, List<WorkloadProblem> problems) {
    public Workload {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }
}
