package dev.cachet.ui.fx;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/** Test helper: which labels under a node show less than their text (cut with an ellipsis). */
public final class Elided {

    private Elided() { }

    /** "text shown as 'shown'" for each {@link Labeled} matching {@code selector} under {@code root} whose displayed text is not its text. */
    public static List<String> under(Node root, String selector) {
        var cut = new ArrayList<String>();
        for (Node n : root.lookupAll(selector)) {
            if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isEmpty() || !l.isVisible()) continue;
            // the Labeled's skin draws its text in a LabeledText (style class "text"), with the ellipsis when it is cut
            Node shown = l.lookup(".text");
            if (shown instanceof Text t && !t.getText().equals(l.getText())) cut.add("'" + l.getText() + "' shown as '" + t.getText() + "'");
        }
        return cut;
    }
}
