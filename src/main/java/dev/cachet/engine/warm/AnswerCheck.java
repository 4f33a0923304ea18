package dev.cachet.engine.warm;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An assertion on an answer, as cache warming uses them: only answers that pass every check of their
 * prompt are kept. A small seam on purpose: the experiment assertions (their own issue) implement this
 * interface and plug into warming unchanged.
 */
public interface AnswerCheck {

    /** Whether {@code answer} passes, and why not when it does not. */
    Verdict check(String answer);

    /** The check as a person reads it: {@code contains "Paris"}. */
    String describe();

    record Verdict(boolean passed, String reason) {
        public static final Verdict PASS = new Verdict(true, "");
        public static Verdict fail(String reason) { return new Verdict(false, reason); }
    }

    /** The answer contains {@code text} (ignoring case). */
    record Contains(String text) implements AnswerCheck {
        @Override public Verdict check(String answer) {
            return answer.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)) ? Verdict.PASS
                    : Verdict.fail("does not contain \"" + text + "\"");
        }
        @Override public String describe() { return "contains \"" + text + "\""; }
    }

    /** The answer is {@code text}, leading and trailing white space aside. */
    record Equals(String text) implements AnswerCheck {
        @Override public Verdict check(String answer) {
            return answer.strip().equals(text.strip()) ? Verdict.PASS : Verdict.fail("is not \"" + text + "\"");
        }
        @Override public String describe() { return "equals \"" + text + "\""; }
    }

    /** Some part of the answer matches the regular expression {@code regex}. */
    record Matches(Pattern regex) implements AnswerCheck {
        public static Matches of(String regex) {
            try {
                return new Matches(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: " + e.getDescription() + " at index " + e.getIndex());
            }
        }
        @Override public Verdict check(String answer) {
            return regex.matcher(answer).find() ? Verdict.PASS : Verdict.fail("does not match /" + regex.pattern() + "/");
        }
        @Override public String describe() { return "matches /" + regex.pattern() + "/"; }
    }
}
