package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.report.CsvReport;
import dev.cachet.engine.experiments.report.HtmlReport;
import dev.cachet.engine.experiments.report.JsonReport;
import dev.cachet.engine.experiments.report.RunResults;

import java.util.function.Function;

/** The export formats, each written by the experiments' report writers (the same the CLI's {@code experiment export} uses). */
public enum ReportFormat {
    CSV("CSV (one row per cell)", "csv", CsvReport::of),
    JSON("JSON (summary and cells)", "json", JsonReport::full),
    HTML("HTML report (self-contained, charts inline)", "html", HtmlReport::of);

    private final String title;
    private final String extension;
    private final Function<RunResults, String> writer;

    ReportFormat(String title, String extension, Function<RunResults, String> writer) {
        this.title = title;
        this.extension = extension;
        this.writer = writer;
    }

    public String title() { return title; }
    public String extension() { return extension; }
    public String write(RunResults r) { return writer.apply(r); }
}
