package dev.cachet.engine.retrieval;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small documentation folder for the retrieval tests: Markdown, text, HTML and PDF, each about one topic. */
final class Documents {

    static final String INSTALL = """
            # Installing the relay

            ## Requirements

            The relay needs Java 25 and about 300 MB of disk space. It runs on Linux, macOS and Windows.

            ## Ports

            The relay listens on port 7421 by default. Change it with the `--port` option or the `relay.port` setting.
            """;

    static final String BACKUP = """
            Backups

            The relay writes a nightly backup of its database to the backups folder at 02:00.
            Backups older than fourteen days are deleted automatically to save disk space.
            To restore a backup, stop the relay and copy the file over relay.db.
            """;

    static final String PROXY = """
            <html><head><title>Proxy</title><style>p { color: red }</style></head>
            <body><h1>Proxy settings</h1>
            <p>Behind a corporate proxy, set the HTTPS_PROXY environment variable before starting the relay.</p>
            <p>Hosts listed in NO_PROXY are contacted directly.</p>
            <script>console.log('not text')</script></body></html>
            """;

    static final String PDF_TEXT = "Licence keys are printed on the invoice and start with the letters RLY.";

    private Documents() { }

    /** Writes the four good documents into {@code dir}; returns their paths. */
    static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        var install = Files.writeString(dir.resolve("install.md"), INSTALL);
        var backup = Files.writeString(dir.resolve("backup.txt"), BACKUP);
        var proxy = Files.writeString(dir.resolve("proxy.html"), PROXY);
        var pdf = dir.resolve("licence.pdf");
        writePdf(pdf, PDF_TEXT);
        return List.of(install, backup, proxy, pdf);
    }

    /** A real one-page PDF with one line of text, made with PDFBox. */
    static void writePdf(Path file, String line) throws IOException {
        try (var doc = new PDDocument()) {
            var page = new PDPage();
            doc.addPage(page);
            try (var content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.newLineAtOffset(50, 700);
                content.showText(line);
                content.endText();
            }
            doc.save(file.toFile());
        }
    }

    /** A file named .pdf that starts like a PDF and then is garbage (a truncated download). */
    static Path writeCorruptPdf(Path dir) throws IOException {
        return Files.write(dir.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\ntruncated".getBytes());
    }
}
