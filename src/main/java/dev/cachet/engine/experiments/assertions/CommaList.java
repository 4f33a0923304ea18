package dev.cachet.engine.experiments.assertions;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** promptfoo's comma-separated values ({@code contains-any: "a, b", "c,d"}): one CSV line, quotes honoured, items trimmed. */
final class CommaList {

    private CommaList() { }

    static List<String> split(String text) {
        var out = new ArrayList<String>();
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get()).get()) {
            for (CSVRecord r : p) for (String s : r) if (!s.isBlank()) out.add(s.strip());
        } catch (IOException | java.io.UncheckedIOException e) {
            for (String s : text.split(",")) if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }
}
