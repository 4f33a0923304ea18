package dev.cachet.ui.experiments;

import dev.cachet.ui.shell.PlannedPaneView;

import java.util.List;

/** The Experiments pane. Built by the experiments issue; until then it says what will be here. */
public final class ExperimentsView {
    private ExperimentsView() { }

    public static PlannedPaneView create() {
        return new PlannedPaneView("Experiments",
                "A/B experiments are not built yet. This pane will compare template variants on a dataset or on "
                        + "live chat traffic, with results kept in the local SQLite file.",
                List.of("Runs of template variants over a dataset, with assertions per case",
                        "Statistics you can trust: confidence intervals and significance, not just averages",
                        "Live traffic split with sticky assignment per conversation",
                        "Cost, latency and cache-hit comparison per variant"));
    }
}
