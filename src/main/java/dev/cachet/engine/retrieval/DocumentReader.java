package dev.cachet.engine.retrieval;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentParser;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser;
import dev.langchain4j.data.document.transformer.jsoup.HtmlToTextDocumentTransformer;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a file's bytes into text with langchain4j's parsers: Markdown and plain text as they are, HTML
 * through jsoup (text only, links dropped), PDF through Apache PDFBox. A file that cannot be read
 * fails with a reason a person understands, and the caller goes on with the next one.
 */
final class DocumentReader {

    /** File types a collection reads, by extension. */
    static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "text", "html", "htm", "pdf");

    /** Why a file gave no text. */
    static final class UnreadableException extends Exception {
        UnreadableException(String reason, Throwable cause) { super(reason, cause, false, false); }
    }

    private final DocumentParser text = new TextDocumentParser();
    private final DocumentParser pdf = new ApachePdfBoxDocumentParser();
    private final HtmlToTextDocumentTransformer html = new HtmlToTextDocumentTransformer();

    static boolean readable(Path file) { return EXTENSIONS.contains(extension(file)); }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean isMarkdown(Path file) {
        String ext = extension(file);
        return ext.equals("md") || ext.equals("markdown");
    }

    /** The text of a file, or why there is none. */
    String read(Path file, byte[] bytes) throws UnreadableException {
        String ext = extension(file);
        Document doc;
        try {
            doc = switch (ext) {
                case "pdf" -> {
                    if (bytes.length < 5 || !new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
                        throw new UnreadableException("not a PDF file (it does not start with %PDF-)", null);
                    }
                    yield pdf.parse(new ByteArrayInputStream(bytes));
                }
                case "html", "htm" -> html.transform(text.parse(new ByteArrayInputStream(bytes)));
                default -> text.parse(new ByteArrayInputStream(bytes));
            };
        } catch (UnreadableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnreadableException(describe(ext, e), e);
        }
        String content = doc == null ? null : doc.text();
        if (content == null || content.isBlank()) {
            throw new UnreadableException(ext.equals("pdf") ? "no text in this PDF (scanned pages without a text layer?)" : "the file has no text", null);
        }
        return content;
    }

    /** The innermost message of a parser failure ("Error: End-of-File, expected line at offset 1234"). */
    private static String describe(String ext, Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String kind = switch (ext) {
            case "pdf" -> "cannot parse PDF";
            case "html", "htm" -> "cannot parse HTML";
            default -> "cannot read text";
        };
        return kind + ": " + msg.lines().findFirst().orElse(msg);
    }
}
