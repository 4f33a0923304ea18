package dev.cachet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.routing.ComplexityAnalyzer;
import dev.cachet.engine.routing.DataQuestionScorer;
import dev.cachet.engine.routing.DecisionCache;
import dev.cachet.engine.routing.ExampleSimilarity;
import dev.cachet.engine.routing.LlmClassifier;
import dev.cachet.engine.routing.RouteSet;
import dev.cachet.engine.routing.Router;
import dev.cachet.engine.routing.RoutesFile;
import dev.cachet.engine.routing.RoutingSettings;
import dev.cachet.engine.routing.eval.LabelledFile;
import dev.cachet.engine.routing.eval.RouterEvaluation;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import dev.cachet.engine.semantic.CachedEmbedder;
import dev.cachet.engine.semantic.Embedders;
import dev.cachet.engine.semantic.EmbeddingCache;
import dev.cachet.engine.semantic.SqliteSemanticStore;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.DatabaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cachet eval-router --data FILE.jsonl [--labels MAP.yaml] [--llm-fallback off|on] [--decisions OUT.jsonl]}:
 * the router against labelled messages; the last stdout line is JSON.
 */
@Command(name = "eval-router", mixinStandardHelpOptions = true,
        description = "Measure the router on labelled messages (JSONL); the last stdout line is JSON.")
final class EvalRouterCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl",
            description = "one JSON object a line: text, label, optional schema {table: [columns]} (or tables)")
    Path data;
    @Option(names = "--text-field", paramLabel = "F", description = "field holding the message (default: text, question, prompt or query)")
    String textField;
    @Option(names = "--label-field", paramLabel = "F", description = "field holding the label (default: label or route)")
    String labelField;
    @Option(names = "--labels", paramLabel = "MAP.yaml",
            description = "label -> route map; \"*\" maps every other label; labels mapped to nothing are left out")
    Path labels;
    String llmFallback = "off";
    String embeddings = "off";
    Double threshold;
    String split = "all";

    @Option(names = "--llm-fallback", paramLabel = "off|on",
            description = "ask the LLM classifier when the heuristic is unsure (default off; on calls the configured model)")
    void llmFallback(String v) { llmFallback = OptionRange.oneOf(spec, "--llm-fallback", v, List.of("off", "on")); }
    @Option(names = "--embeddings", paramLabel = "off|on",
            description = "compare unsure messages with the routes' examples using the in-process embedder (default off)")
    void embeddings(String v) { embeddings = OptionRange.oneOf(spec, "--embeddings", v, List.of("off", "on")); }
    @Option(names = "--threshold", paramLabel = "T", description = "confidence below which the heuristic is unsure, 0..1 (default: routing.confidenceThreshold)")
    void threshold(double t) { threshold = OptionRange.within(spec, "--threshold", t, 0, 1); }
    @Option(names = "--split", paramLabel = "all|even|odd", description = "all, even or odd lines (tune on one half, report on the other; default all)")
    void split(String v) { split = OptionRange.oneOf(spec, "--split", v, List.of("all", "even", "odd")); }
    @Option(names = "--routes", paramLabel = "FILE.yaml", description = "routes file to evaluate (default: the configured or built-in routes)")
    Path routesFile;
    @Option(names = "--database", paramLabel = "URL|sample|none",
            description = "the database that stands for lines without their own schema (default: data.url from cachet.yaml)")
    String database;
    @Option(names = "--decisions", paramLabel = "OUT.jsonl",
            description = "write one line per input: route, confidence, reason, complexity, tier, topK, maxTokens")
    Path decisions;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        LabelledFile.Read read;
        boolean llm;
        boolean embed;
        RouteSet routes;
        EngineOptions options = EngineFactory.options(parent.dataDir);
        RoutingSettings settings = options.config().routing();
        try {
            llm = llmFallback.equals("on");
            embed = embeddings.equals("on");
            if (!Files.isRegularFile(data)) throw new IllegalArgumentException(data + ": no such file");
            Map<String, String> map = labels == null ? null : LabelledFile.labels(labels);
            read = LabelledFile.read(data, textField, labelField, map, LabelledFile.Split.parse(split));
            if (threshold != null) settings = settings.withConfidenceThreshold(threshold);
            settings = settings.withFallback(llm, embed);
            routes = routesFile != null ? new RoutesFile().load(routesFile)
                    : settings.routesFile() != null ? new RoutesFile().load(Path.of(settings.routesFile())) : new RoutesFile().builtIn();
        } catch (IllegalArgumentException | RoutesFile.RoutesException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        Engine engine = null;
        try (var db = Database.open(options.dataDir(), InstantSource.system())) {
            ExampleSimilarity examples = null;
            if (embed) {
                var store = new SqliteSemanticStore(db);
                examples = new ExampleSimilarity(new CachedEmbedder(Embedders.fromSpec(options.config().semantic().embedder(),
                        options.config().activeProviders(), Environment.system()), new EmbeddingCache(store, 200_000)));
            }
            LlmClassifier classifier = null;
            if (llm) {
                engine = Engine.open(options);
                classifier = engine.routing().classifier();
            }
            var analyzer = new TextAnalyzer();
            var router = new Router(routes, analyzer, new DataQuestionScorer(), settings, examples, classifier,
                    new DecisionCache(null, InstantSource.system(), Duration.ofDays(1)));
            var eval = new RouterEvaluation(router, new ComplexityAnalyzer(), connectedSchema(options));
            BufferedWriter out = decisions == null ? null : Files.newBufferedWriter(decisions, StandardCharsets.UTF_8);
            RouterEvaluation.Report report;
            try {
                report = eval.run(read.lines(), read.unmapped(), d -> write(out, d));
            } finally {
                if (out != null) out.close();
            }
            print(report, settings, llm, embed);
            return 0;
        } catch (DatabaseException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        } finally {
            if (engine != null) engine.close();
        }
    }

    /** The schema of the configured (or --database) database, for lines that carry none; empty when none is connected. */
    private SchemaVocabulary connectedSchema(EngineOptions options) {
        var settings = options.config().data();
        if (database != null) settings = settings.withUrl(database);
        if (!settings.connected()) return SchemaVocabulary.EMPTY;
        try (var source = new dev.cachet.engine.data.DataSource(settings, options.dataDir(), Environment.system())) {
            source.connect();
            if (source.database().isEmpty()) throw new IllegalArgumentException("--database: " + source.status());
            return source.vocabulary();
        }
    }

    private static void write(BufferedWriter out, RouterEvaluation.Decision d) {
        if (out == null) return;
        ObjectNode n = JSON.createObjectNode();
        n.put("line", d.line().line());
        n.put("text", d.line().text());
        n.put("label", d.line().rawLabel());
        n.put("expected", d.line().route());
        n.put("route", d.decision().route());
        n.put("confidence", round(d.decision().confidence()));
        n.put("method", d.decision().method().label());
        n.put("reason", d.decision().reason());
        n.put("complexity", d.complexity().level().key());
        n.put("tier", d.budget().tier());
        n.put("topK", d.budget().topK());
        n.put("maxTokens", d.budget().maxTokens());
        try {
            out.write(n.toString());
            out.newLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void print(RouterEvaluation.Report r, RoutingSettings settings, boolean llm, boolean embed) {
        var out = spec.commandLine().getOut();
        out.printf("%-12s %9s %7s %7s %8s %9s%n", "route", "precision", "recall", "f1", "support", "predicted");
        r.perRoute().forEach((route, s) -> out.printf("%-12s %9.3f %7.3f %7.3f %8d %9d%n", route, s.precision(), s.recall(), s.f1(),
                s.support(), s.predicted()));
        out.printf("accuracy %.3f on %d lines (%d left out by the label map); confident %.1f%% (accuracy %.3f) at threshold %.2f%n",
                r.accuracy(), r.lines(), r.unmapped(), 100 * r.confidentShare(), r.confidentAccuracy(), settings.confidenceThreshold());
        out.printf("heuristic decision p50 %.1f us, p99 %.1f us%n", r.decisionP50Us(), r.decisionP99Us());
        ObjectNode root = JSON.createObjectNode();
        root.put("lines", r.lines());
        root.put("unmapped", r.unmapped());
        root.put("accuracy", round(r.accuracy()));
        ObjectNode per = root.putObject("perRoute");
        r.perRoute().forEach((route, s) -> {
            ObjectNode o = per.putObject(route);
            o.put("precision", round(s.precision()));
            o.put("recall", round(s.recall()));
            o.put("f1", round(s.f1()));
            o.put("support", s.support());
        });
        ObjectNode conf = root.putObject("confusion");
        r.confusion().forEach((gold, row) -> {
            ObjectNode o = conf.putObject(gold);
            row.forEach(o::put);
        });
        root.put("confidentShare", round(r.confidentShare()));
        root.put("confidentAccuracy", round(r.confidentAccuracy()));
        root.put("llmFallbackRate", round(r.llmFallbackRate()));
        root.put("embeddingRate", round(r.embeddingRate()));
        root.put("decisionP50Us", round(r.decisionP50Us()));
        root.put("decisionP99Us", round(r.decisionP99Us()));
        root.put("threshold", settings.confidenceThreshold());
        root.put("llmFallback", llm ? "on" : "off");
        root.put("embeddings", embed ? "on" : "off");
        out.println(root);
        out.flush();
    }

    private static double round(double v) { return Math.round(v * 10_000) / 10_000.0; }
}
