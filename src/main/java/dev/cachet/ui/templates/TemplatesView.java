package dev.cachet.ui.templates;

import dev.cachet.ui.shell.PlannedPaneView;

import java.util.List;

/** The Templates pane. Its editor is built by the templates issue; until then it says what will be here. */
public final class TemplatesView {
    private TemplatesView() { }

    public static PlannedPaneView create() {
        return new PlannedPaneView("Templates",
                "Prompt templates are not built yet. This pane will edit the YAML templates in prompts/, which the "
                        + "pipeline renders before the exact cache (the template id and version are part of the cache key).",
                List.of("List of templates from prompts/*.yaml with their content-hash versions",
                        "Editor with validation errors at line and column; a broken file keeps the last good version",
                        "Hot reload: saving a file updates the running pipeline",
                        "Variables and variants, with a preview of the rendered messages",
                        "A template picker in the Chat pane once templates exist"));
    }
}
