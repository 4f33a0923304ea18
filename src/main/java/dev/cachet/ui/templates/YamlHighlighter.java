package dev.cachet.ui.templates;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Style classes for YAML with Jinja inside: keys, comments, quoted text, scalars, block markers, {{ }} and {% %}. */
final class YamlHighlighter {

    private static final Pattern TOKENS = Pattern.compile(
            "(?<JINJA>\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#})"
                    + "|(?<COMMENT>(?<=^|\\s)#[^\\n]*)"
                    + "|(?<KEY>(?m)^[ \\t]*(?:- )?[A-Za-z0-9_.\\-]+(?=:(?:\\s|$)))"
                    + "|(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*')"
                    + "|(?<BLOCK>(?<=: )[|>][-+]?(?=[ \\t]*$))"
                    + "|(?<SCALAR>(?<=: )(?:true|false|null|~|-?\\d+(?:\\.\\d+)?)(?=[ \\t]*(?:#|$)))",
            Pattern.MULTILINE);

    private static final List<String> GROUPS = List.of("JINJA", "COMMENT", "KEY", "STRING", "BLOCK", "SCALAR");

    private YamlHighlighter() { }

    static StyleSpans<Collection<String>> styles(String text) {
        Matcher m = TOKENS.matcher(text);
        var spans = new StyleSpansBuilder<Collection<String>>();
        int last = 0;
        while (m.find()) {
            String style = null;
            for (String g : GROUPS) {
                if (m.group(g) != null) {
                    style = "yaml-" + g.toLowerCase(java.util.Locale.ROOT);
                    break;
                }
            }
            spans.add(List.of(), m.start() - last);
            spans.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }
}
