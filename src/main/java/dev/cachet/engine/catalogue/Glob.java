package dev.cachet.engine.catalogue;

import java.util.regex.Pattern;

/** A model-id pattern: {@code *} any characters (slashes too), {@code ?} one; everything else literal. */
public final class Glob {

    private Glob() { }

    public static boolean matches(String glob, String text) { return compile(glob).matcher(text).matches(); }

    public static Pattern compile(String glob) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
