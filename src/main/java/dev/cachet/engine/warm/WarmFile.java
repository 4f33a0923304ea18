package dev.cachet.engine.warm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cachet.engine.workload.Workload;
import dev.cachet.engine.workload.WorkloadItem;
import dev.cachet.engine.workload.WorkloadParser;
import dev.cachet.engine.workload.WorkloadProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A warm file: a workload (JSONL, each line a request as {@code cachet replay} reads it) whose lines may
 * also say what the answer must be: {@code "expect": "Paris"} (contains), or
 * {@code "expect": {"contains": "...", "equals": "...", "matches": "regex"}} (every one given must pass).
 * A malformed line is a problem with its line and column; the rest is warmed.
 */
public final class WarmFile {

    /** The items, and the problems of lines that could not be read. */
    public record Parsed(String source, List<WarmItem> items, List<WorkloadProblem> problems) { }

    private final JsonFactory json = new JsonFactory();

    /** Reads the file: the {@code expect} member of each line here, the rest of the line by the workload parser. */
    public Parsed read(String location) throws IOException {
        List<String> lines = lines(location);
        var checks = new HashMap<Integer, List<AnswerCheck>>();
        var problems = new ArrayList<WorkloadProblem>();
        var stripped = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            try {
                Cut cut = expect(text);
                if (cut != null) {
                    checks.put(i + 1, cut.checks());
                    text = cut.rest();
                }
            } catch (LineException e) {
                problems.add(new WorkloadProblem(location, i + 1, e.column, e.getMessage()));
                text = "";
            } catch (IOException e) {
                // the workload parser reports the JSON error with its place
            }
            stripped.add(text);
        }
        Workload requests = new WorkloadParser().parse(location, stripped);
        problems.addAll(requests.problems());
        problems.sort(java.util.Comparator.comparingInt(WorkloadProblem::line));
        var items = new ArrayList<WarmItem>();
        for (WorkloadItem w : requests.items()) items.add(new WarmItem(w.line(), w.request(), checks.getOrDefault(w.line(), List.of())));
        return new Parsed(location, items, problems);
    }

    private static List<String> lines(String location) throws IOException {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of(location), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(location + ": not UTF-8 text", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(location + ": no such file", e);
        }
    }

    private record Cut(String rest, List<AnswerCheck> checks) { }

    /** The line with its {@code expect} member blanked out (columns kept), and the checks it held; null when it has none. */
    private Cut expect(String text) throws IOException {
        if (text.isBlank()) return null;
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            int previousEnd = (int) p.currentLocation().getCharOffset();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                String name = p.currentName();
                int column = (int) p.currentTokenLocation().getColumnNr();
                p.nextToken();
                if (!name.equals("expect")) {
                    p.skipChildren();
                    previousEnd = (int) p.currentLocation().getCharOffset();
                    continue;
                }
                List<AnswerCheck> checks = checks(p, column);
                int end = (int) p.currentLocation().getCharOffset();
                return new Cut(blank(text, start, end, previousEnd), checks);
            }
            return null;
        }
    }

    /** Blanks [start, end) and the comma that joined the member to its neighbours. */
    private static String blank(String text, int start, int end, int previousEnd) {
        char[] c = text.toCharArray();
        for (int i = start; i < end; i++) c[i] = ' ';
        int after = end;
        while (after < c.length && Character.isWhitespace(c[after])) after++;
        if (after < c.length && c[after] == ',') {
            c[after] = ' ';
        } else {
            for (int i = start - 1; i >= previousEnd && i >= 0; i--) {
                if (c[i] == ',') {
                    c[i] = ' ';
                    break;
                }
            }
        }
        return new String(c);
    }

    private static List<AnswerCheck> checks(JsonParser p, int column) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) return List.of(new AnswerCheck.Contains(p.getText()));
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new LineException(column, "\"expect\" must be a string (the answer contains it) or {\"contains\", \"equals\", \"matches\"}");
        }
        var out = new ArrayList<AnswerCheck>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String kind = p.currentName();
            int at = (int) p.currentTokenLocation().getColumnNr();
            if (p.nextToken() != JsonToken.VALUE_STRING) throw new LineException(at, "\"expect." + kind + "\" must be a string");
            String value = p.getText();
            out.add(switch (kind) {
                case "contains" -> new AnswerCheck.Contains(value);
                case "equals" -> new AnswerCheck.Equals(value);
                case "matches" -> {
                    try {
                        yield AnswerCheck.Matches.of(value);
                    } catch (IllegalArgumentException e) {
                        throw new LineException(at, "\"expect.matches\": " + e.getMessage());
                    }
                }
                default -> throw new LineException(at, "unknown check 'expect." + kind + "' (known: contains, equals, matches)");
            });
        }
        if (out.isEmpty()) throw new LineException(column, "\"expect\" is empty");
        return out;
    }

    private static final class LineException extends RuntimeException {
        final int column;

        LineException(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }
}
