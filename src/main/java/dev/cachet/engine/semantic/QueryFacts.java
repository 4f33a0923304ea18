package dev.cachet.engine.semantic;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a query whose change changes the answer while barely moving its embedding: numbers,
 * negations, proper nouns, code identifiers and quoted strings. Extracted once per text, compared
 * by {@link QueryGuards}.
 *
 * @param numbers     numbers as written or spelled ("two" and "2" both give "2"), without separators
 * @param negations   how many negating words the text holds ("not", "never", "isn't", "without", ...)
 * @param entities    proper nouns and acronyms, lower-cased (capitalised words not opening a sentence,
 *                    ALL-CAPS words); a sentence-opening capital counts unless it is a common word
 * @param identifiers code identifiers (camelCase, snake_case, dotted.names, calls(), `backticked`), as written
 * @param quoted      text inside quotes, lower-cased, whitespace collapsed
 * @param words       every word, lower-cased: entities are matched against these so that casing
 *                    alone ("trump" / "Trump") never vetoes
 * @param content     content words (function words left out, lightly stemmed): how long the text is
 *                    in the sense the guards care about
 * @param roles       directed word pairs around "to", "from", "into", "than", "vs" ({@link WordRoles})
 * @param negated     content words (stemmed) within {@value #NEGATION_SCOPE} content words after a negation:
 *                    what the negation is about ("no fever" → fever)
 */
public record QueryFacts(Set<String> numbers, int negations, Set<String> entities, Set<String> identifiers,
                         Set<String> quoted, Set<String> words, Set<String> content, Set<String> roles, Set<String> negated) {

    static final int NEGATION_SCOPE = 3;

    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_])\\d+(?:[.,:]\\d+)*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,200})\"|“([^”]{1,200})”|«([^»]{1,200})»|(?<![\\p{L}])'([^']{1,200})'(?![\\p{L}])");
    private static final Pattern BACKTICK = Pattern.compile("`([^`]{1,200})`");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_'’.\\-]*");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\\.|::|->)[A-Za-z_$][A-Za-z0-9_$]*)+(?:\\(\\))?"  // dotted.name, ns::x
            + "|[a-z_$][a-z0-9_$]*[A-Z][A-Za-z0-9_$]*(?:\\(\\))?"                            // camelCase
            + "|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+(?:\\(\\))?"                                  // snake_case
            + "|[A-Za-z_$][A-Za-z0-9_$]*\\(\\)"                                                 // call()
            + "|--?[a-z][a-z0-9-]+");                                                           // --flag

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither",
            "nor", "nowhere", "without", "cannot", "can't", "cant", "won't", "wont", "don't", "dont", "doesn't",
            "doesnt", "didn't", "didnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "weren't", "werent",
            "shouldn't", "shouldnt", "wouldn't", "wouldnt", "couldn't", "couldnt", "haven't", "havent", "hasn't",
            "hasnt", "hadn't", "mustn't", "ain't", "non", "unsafe", "illegal", "impossible");

    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("fifty", "50"),
            Map.entry("hundred", "100"), Map.entry("thousand", "1000"), Map.entry("million", "1000000"),
            Map.entry("billion", "1000000000"), Map.entry("first", "1"), Map.entry("second", "2"),
            Map.entry("third", "3"), Map.entry("fourth", "4"), Map.entry("fifth", "5"));

    /** Words that open sentences with a capital without naming anything. */
    private static final Set<String> COMMON = Set.of((
            "what whats what's how why when where who whom whose which is are was were am be do does did can "
            + "could should would will shall may might must has have had i i'm im i've i'd i'll my me we you "
            + "your he she it they them their our the a an if in on at for to of and or but so as with from by "
            + "about after before this that these those there here any some all most more best good new please "
            + "tell give list explain describe write help hi hello hey thanks thank ok okay yes no not since "
            + "while other each every many much one also just now then apart besides suppose let let's lets "
            + "name find show get make use using difference between compare dont don't isn't mr mrs dr ").strip().split(" "));

    public static QueryFacts of(String text) {
        var numbers = new TreeSet<String>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) numbers.add(canonicalNumber(m.group()));

        var quoted = new TreeSet<String>();
        m = QUOTED.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) quoted.add(m.group(g).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "));
            }
        }

        var identifiers = new TreeSet<String>();
        m = BACKTICK.matcher(text);
        while (m.find()) identifiers.add(m.group(1).strip());
        m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String id = m.group();
            if (!looksLikeProse(id)) identifiers.add(id);
        }

        var words = new TreeSet<String>();
        var entities = new TreeSet<String>();
        int negations = 0;
        var negated = new TreeSet<String>();
        int scope = 0;
        boolean sentenceStart = true;
        m = WORD.matcher(text);
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            if (between.matches(".*[.!?:;\\n].*")) sentenceStart = true;
            last = m.end();
            String raw = trimTrailing(m.group());
            if (raw.isEmpty()) continue;
            String lower = raw.toLowerCase(Locale.ROOT).replace('’', '\'');
            words.add(lower);
            if (lower.endsWith("'s")) words.add(lower.substring(0, lower.length() - 2));
            if (between.matches(".*[.!?:;,\\n].*")) scope = 0;  // a negation reaches to the end of its clause at most
            if (NEGATIONS.contains(lower) || lower.endsWith("n't")) {
                negations++;
                scope = NEGATION_SCOPE;
            } else if (scope > 0 && !MatchPolicy.isFunctionWord(lower)) {
                negated.add(MatchPolicy.stem(lower));
                scope--;
            }
            String spelled = NUMBER_WORDS.get(lower);
            if (spelled != null && !lower.equals("one") && !lower.equals("second")) numbers.add(spelled);
            if (isEntity(raw, lower)) entities.add(stripPossessive(lower));
            sentenceStart = false;
            if (m.group().endsWith(".")) scope = 0;  // the word match swallows a full stop
        }
        return new QueryFacts(numbers, negations, entities, identifiers, quoted, words, MatchPolicy.contentWords(text),
                WordRoles.of(text), negated);
    }

    private static boolean isEntity(String raw, String lower) {
        if (!Character.isUpperCase(raw.charAt(0))) return false;
        if (raw.length() == 1) return false;
        String bare = stripPossessive(lower);
        if (COMMON.contains(bare) || NUMBER_WORDS.containsKey(bare)) return false;
        boolean allCaps = raw.chars().filter(Character::isLetter).allMatch(Character::isUpperCase) && raw.length() >= 2;
        if (allCaps) return true;
        // Mid-sentence capitals name things; so does a sentence-opening one that is not a common word (above).
        return true;
    }

    private static boolean looksLikeProse(String id) {
        // "e.g", "i.e", "U.S" and abbreviations with dots are not code.
        return id.length() <= 4 && id.contains(".") || id.matches("(?i)[a-z]\\.[a-z](\\.[a-z])*");
    }

    private static String trimTrailing(String w) {
        int end = w.length();
        while (end > 0 && ".-'’".indexOf(w.charAt(end - 1)) >= 0) end--;
        return w.substring(0, end);
    }

    private static String stripPossessive(String lower) {
        return lower.endsWith("'s") ? lower.substring(0, lower.length() - 2) : lower;
    }

    private static String canonicalNumber(String n) {
        String s = n.replace(",", "");
        if (s.contains(".") && s.matches("\\d+\\.\\d+")) s = s.replaceAll("\\.?0+$", "");
        return s.replaceFirst("^0+(?=\\d)", "");
    }
}
