package dev.cachet.engine.retrieval;

import dev.cachet.engine.config.RetrievalSettings;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentByParagraphSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a document's text with langchain4j's splitters (recursive or by paragraph, sizes from the
 * settings) and says where each chunk stands in the text: its line range and, in Markdown, the
 * heading above it. The splitters re-join paragraphs, so a chunk is located by its first and last
 * line rather than by its exact characters.
 */
final class ChunkSplitter {

    /** A chunk's text and where it is ("lines 12-30 · Install"). */
    record Piece(String text, String position) { }

    private final DocumentSplitter splitter;

    ChunkSplitter(RetrievalSettings settings) {
        this.splitter = settings.splitter().equals("paragraph")
                ? new DocumentByParagraphSplitter(settings.chunkSize(), settings.chunkOverlap())
                : DocumentSplitters.recursive(settings.chunkSize(), settings.chunkOverlap());
    }

    List<Piece> split(String text, boolean markdown) {
        List<TextSegment> segments = splitter.split(Document.from(text));
        int[] lineStarts = lineStarts(text);
        var out = new ArrayList<Piece>(segments.size());
        int cursor = 0;
        for (TextSegment s : segments) {
            String chunk = s.text();
            int start = locate(text, firstLine(chunk), cursor);
            if (start < 0) start = locate(text, firstLine(chunk), 0);
            String position = "";
            if (start >= 0) {
                String last = lastLine(chunk);
                int lastAt = text.indexOf(last, start);
                int end = lastAt < 0 ? start + chunk.length() : lastAt + last.length();
                int first = lineOf(lineStarts, start);
                int lastLine = lineOf(lineStarts, Math.max(start, end - 1));
                position = first == lastLine ? "line " + first : "lines " + first + "-" + lastLine;
                if (markdown) {
                    String heading = headingBefore(text, lineStarts, first);
                    if (heading != null) position += " · " + heading;
                }
                cursor = start + 1;
            }
            out.add(new Piece(chunk, position));
        }
        return out;
    }

    private static String firstLine(String chunk) {
        String line = chunk.strip().lines().findFirst().orElse("").strip();
        return line.length() > 60 ? line.substring(0, 60) : line;
    }

    private static String lastLine(String chunk) {
        var lines = chunk.strip().lines().toList();
        String line = lines.isEmpty() ? "" : lines.getLast().strip();
        return line.length() > 60 ? line.substring(line.length() - 60) : line;
    }

    private static int locate(String text, String needle, int from) {
        return needle.isEmpty() ? -1 : text.indexOf(needle, from);
    }

    private static int[] lineStarts(String text) {
        var starts = new ArrayList<Integer>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1-based line number of a character offset. */
    private static int lineOf(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** The nearest Markdown heading at or above a line (its text without the #s), */
    private static String headingBefore(String text, int[] lineStarts, int line) {
        for (int l = line; l >= 1; l--) {
            int s = lineStarts[l - 1];
            int e = l < lineStarts.length ? lineStarts[l] - 1 : text.length();
            String t = text.substring(s, Math.max(s, e)).strip();
            if (t.startsWith("#")) {
                String h = t.replaceFirst("^#+\\s*", "").strip();
                if (!h.isEmpty()) return h.length() > 48 ? h.substring(0, 47) + "…" : h;
            }
        }
        return null;
    }
}
