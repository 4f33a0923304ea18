package dev.cachet.ui.fx;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/** A key combination that works while a pane is in the window, wherever the focus is (Ctrl+S to save, say). */
public final class PaneShortcut {

    private PaneShortcut() { }

    public static void whileShown(Node pane, KeyCombination keys, Runnable action) {
        pane.sceneProperty().addListener((o, before, after) -> {
            if (before != null) before.getAccelerators().remove(keys, action);
            if (after != null) after.getAccelerators().put(keys, action);
        });
    }
}
