package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.config.ConfigException;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.workload.WorkloadParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bad input at every entry point: CLI arguments, workload lines, settings (cachet.yaml), provider
 * response bodies. Each bad input gets one clear line naming the place (no stack trace), and the good
 * inputs beside it still go through.
 */
final class BadInputScenario implements Scenario {

    /** FILE:LINE:COL: at the start of a message. */
    private static final Pattern PLACE = Pattern.compile(".+:\\d+:\\d+: .+");

    @Override public String name() { return "badInput"; }

    @Override public String description() {
        return "bad CLI arguments, workload lines, settings and provider bodies: a clear error naming the place, the rest continues";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        var result = new ScenarioResult.Builder(name());
        var figures = new LinkedHashMap<String, Object>();
        figures.put("cliArguments", cli(ctx, result));
        figures.put("workloadLines", workload(ctx, result));
        figures.put("settings", settings(ctx, result));
        figures.put("providerBodies", providerBodies(ctx, result));
        figures.put("templates", templates(ctx, result));
        figures.forEach(result::figure);
        return result.build();
    }

    private static String cli(FaultContext ctx, ScenarioResult.Builder result) throws Exception {
        String data = ctx.dir("bad-cli").toString();
        List<List<String>> bad = List.of(
                List.of("--data-dir", data, "chat", "hi", "--temperature", "5"),
                List.of("--data-dir", data, "chat", "hi", "--max-tokens", "0"),
                List.of("--data-dir", data, "replay", "--workload", data + "/no-such-file.jsonl"),
                List.of("--data-dir", data, "replay", "--workload", "builtin:demo", "--concurrency", "0"),
                List.of("--data-dir", data, "stats", "--no-such-option"),
                List.of("--data-dir", data, "no-such-command"));
        int clear = 0;
        for (List<String> args : bad) {
            var run = ctx.cli().run(args);
            String err = run.err().strip();
            boolean oneClearLine = run.exitCode() == 2 && !err.isEmpty() && !err.contains("Exception") && !err.contains("\tat ");
            result.sent(1).check(oneClearLine, "cachet " + String.join(" ", args.subList(2, args.size())) + ": exit " + run.exitCode()
                    + ", stderr: " + firstLine(err));
            if (oneClearLine) clear++;
        }
        // A good command beside them still works.
        var good = ctx.cli().run(List.of("--data-dir", data, "stats"));
        result.sent(1).check(good.exitCode() == 0, "stats after the bad commands: exit " + good.exitCode());
        result.answered(good.exitCode() == 0 ? 1 : 0).failed(clear).lost(good.exitCode() == 0 ? 0 : 1);
        return clear + " of " + bad.size() + " refused with one clear line (exit 2)";
    }

    private static String workload(FaultContext ctx, ScenarioResult.Builder result) throws Exception {
        Path file = ctx.dir("bad-workload").resolve("mixed.jsonl");
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("""
                {"prompt": "good one"}
                {"prompt": "unterminated
                {"prompt": "x", "colour": "blue"}
                {"messages": [{"role": "wizard", "content": "hi"}]}
                {"prompt": "good two", "temperature": 9}
                """.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[]{'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        bytes.writeBytes("{\"prompt\": \"good three\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        dev.cachet.engine.workload.Workload parsed;
        try {
            parsed = new WorkloadParser().read(file.toString());
        } catch (java.io.IOException wholeFile) {
            result.sent(7).lost(3).check(false, "one bad line spoiled the whole workload file: " + wholeFile.getMessage());
            return "whole file refused: " + wholeFile.getMessage();
        }
        long named = parsed.problems().stream().filter(p -> PLACE.matcher(p.toString()).matches() && p.toString().startsWith(file.toString())).count();
        result.sent(7).answered(parsed.items().size()).failed(parsed.problems().size())
                .lost(Math.max(0, 2 - parsed.items().size()))
                .check(parsed.items().size() >= 2, "good workload lines were dropped: " + parsed.items().size() + " read")
                .check(named == parsed.problems().size() && parsed.problems().size() >= 4,
                        "workload problems without FILE:LINE:COL: " + parsed.problems());
        return parsed.items().size() + " good lines read, " + parsed.problems().size() + " bad lines named (" + named + " with FILE:LINE:COL)";
    }

    /** {@code templates check} over a folder with one good template and three bad ones: each bad file named at its place. */
    private static String templates(FaultContext ctx, ScenarioResult.Builder result) throws Exception {
        Path dir = ctx.dir("bad-templates");
        Files.copy(Path.of("prompts", "summarizer.yaml").toFile().exists() ? Path.of("prompts", "summarizer.yaml") : goodTemplate(dir),
                dir.resolve("good.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("syntax.yaml"), "id: syntax\nmessages:\n  user: [unclosed\n");
        Files.writeString(dir.resolve("unknown-field.yaml"), "id: unknown-field\ncolour: blue\nmessages:\n  user: Hello {{name}}\n");
        Files.writeString(dir.resolve("no-messages.yaml"), "id: no-messages\ndescription: forgot what to send\n");
        var run = ctx.cli().run(List.of("--data-dir", ctx.dir("bad-templates-data").toString(), "templates", "check", dir.toString()));
        var lines = (run.out() + run.err()).lines().toList();
        long named = java.util.stream.Stream.of("syntax.yaml", "unknown-field.yaml", "no-messages.yaml")
                .filter(f -> lines.stream().anyMatch(l -> l.contains(f) && PLACE.matcher(l.substring(l.indexOf(f))).matches())).count();
        boolean goodQuiet = lines.stream().noneMatch(l -> l.contains("good.yaml"));
        boolean clean = !run.err().contains("Exception") && !run.err().contains("\tat ");
        result.sent(4).answered(goodQuiet ? 1 : 0).failed(named).lost(goodQuiet ? 0 : 1)
                .check(run.exitCode() == 2 && named == 3 && clean, "bad templates not each named with FILE:LINE:COL (exit " + run.exitCode()
                        + "): " + lines.stream().limit(5).toList())
                .check(goodQuiet, "the good template was reported as bad: " + lines);
        return named + " of 3 bad templates named with FILE:LINE:COL, exit " + run.exitCode() + (goodQuiet ? "; the good one passed" : "");
    }

    /** A minimal valid template, for when the shipped ones are not beside the jar. */
    private static Path goodTemplate(Path dir) throws java.io.IOException {
        return Files.writeString(dir.resolve("fallback-good.yaml"), "id: good\nmessages:\n  user: Summarise {{text}}\nvariables:\n  text:\n    type: string\n    required: true\n");
    }

    private static String settings(FaultContext ctx, ScenarioResult.Builder result) {
        var cases = List.of(
                "simulator: {timeToFirstToken: fast}\n",
                "cache: {l1MaxBytes: lots}\n",
                "simulator: {errorRate: 3}\n",
                "providers:\n  - id: openai\n    kind: openai\n    resilience: {retry: {maxAttempts: 0}}\n",
                "providers:\n  - id: openai\n    kind: openai\n    resilience: {limits: {maxWait: -1s}}\n",
                "simulator: [unclosed\n");
        int named = 0;
        var messages = new ArrayList<String>();
        for (String yaml : cases) {
            try {
                new ConfigFile().parse(yaml, "cachet.yaml");
                messages.add("accepted: " + yaml.strip());
            } catch (ConfigException e) {
                String msg = e.getMessage();
                boolean clear = msg.startsWith("cachet.yaml:") && PLACE.matcher(msg.lines().findFirst().orElse("")).matches()
                        && !msg.contains("dev.cachet") && !msg.contains("Exception");
                if (clear) named++;
                else messages.add(msg);
            } catch (RuntimeException e) {
                messages.add("crashed: " + e);
            }
        }
        result.sent(cases.size()).failed(named).check(named == cases.size(), "settings errors not naming FILE:LINE:COL clearly: " + messages);
        return named + " of " + cases.size() + " bad settings named with FILE:LINE:COL";
    }

    private static String providerBodies(FaultContext ctx, ScenarioResult.Builder result) throws Exception {
        try (var server = new FaultServer().behave(FaultServer.Behaviour.malformed())) {
            var provider = FaultEngines.provider("bodies", server, Duration.ofSeconds(5), FaultEngines.resilience(1, 1_000, Duration.ofSeconds(1)));
            try (var engine = Engine.open(FaultEngines.options(ctx.dir("bad-bodies"), "bodies", List.of(provider), SimulatorSettings.DEFAULTS))) {
                var bad = Traffic.send(engine.pipeline(), 3, 3, i -> FaultEngines.request("bodies", "malformed body " + i));
                server.behave(FaultServer.Behaviour.answer());
                var good = Traffic.send(engine.pipeline(), 3, 3, i -> FaultEngines.request("bodies", "good body " + i));
                long clear = bad.results().stream().filter(r -> r instanceof ChatResult.Failed f && !f.error().message().contains("Exception")
                        && !f.error().oneLine().isBlank()).count();
                result.sent(6).answered(good.answered()).failed(bad.failed()).lost(3 - good.answered())
                        .check(clear == 3, "malformed provider bodies without a clear error: " + bad.firstFailure())
                        .check(good.answered() == 3, "good requests after the malformed ones failed: " + good.firstFailure());
                return clear + " malformed bodies failed clearly (" + bad.firstFailure() + "); " + good.answered() + " good ones answered after";
            }
        }
    }

    private static String firstLine(String s) { return s.lines().findFirst().orElse(""); }
}
