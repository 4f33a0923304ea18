package dev.cachet.ui.templates;

import java.util.List;

/**
 * One row of the templates tree: a folder, a template file, or one of its variants.
 *
 * @param source the file a template or variant row stands for (its name as errors give it), else null
 * @param state  OK, WARNINGS, STALE (errors; last good version serving), BROKEN, DUPLICATE; null for folders
 * @param detail a tooltip: description, version, or the first problem
 */
public record TreeEntry(Kind kind, String label, String source, String templateId, String variant, State state, String detail,
                        List<TreeEntry> children) {

    public enum Kind { FOLDER, TEMPLATE, VARIANT }

    public enum State { OK, WARNINGS, STALE, BROKEN, DUPLICATE }

    public TreeEntry {
        children = List.copyOf(children);
    }

    @Override public String toString() { return label; }
}
