package dev.cachet.engine.templates;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/** The difference between two versions of a template file, line by line (java-diff-utils, Myers). */
public final class TemplateDiff {

    private TemplateDiff() { }

    public enum Kind { SAME, REMOVED, ADDED, HUNK }

    /**
     * One line of a unified diff.
     *
     * @param oldLine line number in the older text, or 0
     * @param newLine line number in the newer text, or 0
     */
    public record Line(Kind kind, int oldLine, int newLine, String text) { }

    /** A unified diff with {@code context} unchanged lines around each change; empty when the texts are equal. */
    public static List<Line> between(String older, String newer, int context) {
        List<String> a = older.lines().toList();
        List<String> b = newer.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) return List.of();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("older", "newer", a, patch, context);
        var out = new ArrayList<Line>();
        int oldNo = 0;
        int newNo = 0;
        for (String u : unified.subList(2, unified.size())) { // skip the ---/+++ header
            if (u.startsWith("@@")) {
                var m = java.util.regex.Pattern.compile("@@ -(\\d+)(?:,\\d+)? \\+(\\d+)").matcher(u);
                if (m.find()) {
                    oldNo = Integer.parseInt(m.group(1));
                    newNo = Integer.parseInt(m.group(2));
                }
                out.add(new Line(Kind.HUNK, 0, 0, u));
            } else if (u.startsWith("-")) {
                out.add(new Line(Kind.REMOVED, oldNo++, 0, u.substring(1)));
            } else if (u.startsWith("+")) {
                out.add(new Line(Kind.ADDED, 0, newNo++, u.substring(1)));
            } else {
                out.add(new Line(Kind.SAME, oldNo++, newNo++, u.isEmpty() ? u : u.substring(1)));
            }
        }
        return out;
    }
}
