package dev.cachet.ui.experiments;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;

import java.util.Arrays;
import java.util.List;

/**
 * Two outputs side by side, line against line (java-diff-utils' row generator): unchanged lines face
 * each other, a changed line shows both versions with the changed words marked, an added or removed
 * line faces a blank.
 */
public record OutputDiff(List<Line> lines) {

    public OutputDiff { lines = List.copyOf(lines); }

    public enum Kind { SAME, CHANGED, ADDED, REMOVED }

    /** One row: the left text, the right text; changed words marked as git's word diff does: [-removed-] and {+added+}. */
    public record Line(Kind kind, String left, String right) { }

    private static final DiffRowGenerator ROWS = DiffRowGenerator.create()
            .showInlineDiffs(true)
            .inlineDiffByWord(true)
            .mergeOriginalRevised(false)
            .lineNormalizer(line -> line) // plain text: no HTML escaping
            .oldTag(open -> open ? "[-" : "-]")
            .newTag(open -> open ? "{+" : "+}")
            .build();

    public static OutputDiff of(String left, String right) {
        List<DiffRow> rows = ROWS.generateDiffRows(split(left), split(right));
        return new OutputDiff(rows.stream().map(r -> new Line(switch (r.getTag()) {
            case EQUAL -> Kind.SAME;
            case CHANGE -> Kind.CHANGED;
            case INSERT -> Kind.ADDED;
            case DELETE -> Kind.REMOVED;
        }, r.getOldLine(), r.getNewLine())).toList());
    }

    public boolean identical() { return lines.stream().allMatch(l -> l.kind() == Kind.SAME); }

    private static List<String> split(String s) { return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1)); }
}
