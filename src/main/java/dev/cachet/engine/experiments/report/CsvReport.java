package dev.cachet.engine.experiments.report;

import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.run.CellRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One row per cell: variant, case, its variables, the output, the verdict and each assertion's reason (Commons CSV quoting). */
public final class CsvReport {

    private CsvReport() { }

    public static String of(RunResults r) {
        var out = new StringWriter();
        List<String> vars = r.definition().cases().stream().flatMap(c -> c.vars().keySet().stream()).distinct().toList();
        try (var csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            var header = new java.util.ArrayList<>(List.of("variant", "case", "description"));
            header.addAll(vars);
            header.addAll(List.of("expected", "repetition", "status", "score", "reason", "output", "latency_ms", "ttft_ms", "tokens_in",
                    "tokens_out", "cost_usd", "source", "assertions"));
            csv.printRecord(header);
            var arms = r.definition().arms();
            for (CellRecord c : r.cells()) {
                TestCase tc = r.definition().cases().get(c.caseIndex());
                var row = new java.util.ArrayList<Object>(List.of(arms.get(c.arm()).name(), c.caseIndex() + 1, tc.title()));
                for (String v : vars) row.add(tc.vars().getOrDefault(v, ""));
                row.addAll(List.of(tc.expected() == null ? "" : tc.expected(), c.rep() + 1, c.status().name().toLowerCase(Locale.ROOT),
                        c.score(), c.reason(), c.output(), c.latencyMs(), c.ttftMs() == null ? "" : c.ttftMs(), c.tokensIn(), c.tokensOut(),
                        c.costUsd(), c.source(), c.assertions().stream().map(CsvReport::assertion).collect(Collectors.joining(" | "))));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static String assertion(AssertionResult a) {
        return a.describe() + ": " + a.status().name().toLowerCase(Locale.ROOT) + " (" + a.reason() + ")";
    }
}
