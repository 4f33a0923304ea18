package dev.cachet.engine.retrieval;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A minimal check for turns that need no documents: greetings, thanks, acknowledgements. It stands in
 * until the complexity stage exists; when that stage says "trivial", its decision is used instead.
 */
final class TrivialTurn {

    private static final Pattern SMALL_TALK = Pattern.compile(
            "^(hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|night)|thanks?( you)?( so much| a lot)?|thank you( very much)?|"
                    + "thx|ty|cheers|ok(ay)?|k|cool|great|nice|got it|sounds good|perfect|awesome|bye|goodbye|see you|see ya|"
                    + "how are you( doing)?|what'?s up|sup)"
                    + "( there| all| everyone| again| cachet)?[\\s!.,?:;)(]*$");

    private static final Set<String> FILLER = Set.of("please", "so", "well", "oh", "ah", "um");

    private TrivialTurn() { }

    /** Why this turn needs no retrieval, or null when it might. */
    static String reason(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) return "no text to retrieve for";
        for (String f : FILLER) if (t.startsWith(f + " ")) t = t.substring(f.length() + 1);
        if (SMALL_TALK.matcher(t).matches()) return "greeting or acknowledgement: no documents needed";
        return null;
    }
}
