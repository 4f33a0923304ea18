package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.store.Database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code kill -9} of a separate JVM replaying with write-behind, at three points: right after the first
 * batch was durable, half-way, and while it flushes at close. On restart: every entry whose write was
 * acknowledged as durable is there, {@code PRAGMA integrity_check} is ok, and every answer served from
 * the cache is whole (the same text the model gives).
 */
final class KillDuringReplayScenario implements Scenario {

    @Override public String name() { return "killDuringReplay"; }

    @Override public String description() {
        return "kill -9 of a replaying JVM at 3 points: every durable entry is there, integrity_check ok, nothing half-written served";
    }

    private record KillPoint(String name, Predicate<State> when) { }

    private static final class State {
        int durable;
        boolean closing;
        boolean done;
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        int count = ctx.quick() ? 12_000 : 30_000;
        var points = new KillPoint[]{
                new KillPoint("afterFirstDurableBatch", s -> s.durable > 0),
                new KillPoint("halfDurable", s -> s.durable >= count / 2),
                new KillPoint("duringFinalFlush", s -> s.closing)};
        var result = new ScenarioResult.Builder(name());
        var perPoint = new LinkedHashMap<String, Object>();
        for (KillPoint point : points) {
            Path dataDir = ctx.dir(name() + "-" + point.name());
            ctx.say(name() + ": replaying " + count + " prompts in a child JVM, kill -9 " + point.name());
            var durable = new HashSet<String>();
            var state = new State();
            Process child = ctx.jvm().start(ReplayChild.class, dataDir, dataDir.resolve("child-stderr.txt"),
                    dataDir.toString(), "0", Integer.toString(count), "25");
            boolean killed = false;
            try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("durable ")) {
                        durable.add(line.substring("durable ".length()));
                        state.durable++;
                    } else if (line.equals("closing")) {
                        state.closing = true;
                    } else if (line.startsWith("done")) {
                        state.done = true;
                    }
                    if (point.when().test(state)) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                        killed = true;
                        break;
                    }
                }
            }
            if (!child.waitFor(2, TimeUnit.MINUTES)) child.destroyForcibly().waitFor();
            Check check = check(dataDir, count, durable);
            var figures = new LinkedHashMap<String, Object>();
            figures.put("killed", killed && !state.done);
            figures.put("acknowledgedDurable", durable.size());
            figures.put("durableMissing", check.missing);
            figures.put("rowsAfterRestart", check.rows);
            figures.put("integrityCheck", check.integrity);
            figures.put("servedHalfWritten", check.halfWritten);
            figures.put("servedFromCache", check.served);
            perPoint.put(point.name(), figures);
            result.sent(count).answered(check.rows).lost(check.missing)
                    .check(killed && !state.done, point.name() + ": the child finished before it could be killed")
                    .check("ok".equals(check.integrity), point.name() + ": integrity_check said " + check.integrity)
                    .check(check.halfWritten == 0, point.name() + ": " + check.halfWritten + " answers served differ from the model's")
                    .check(check.notice == null || !check.notice.contains("moved it to"), point.name() + ": the database was set aside: " + check.notice);
        }
        perPoint.forEach(result::figure);
        return result.build();
    }

    record Check(String integrity, int rows, long missing, long halfWritten, long served, String notice) { }

    /** Reads the killed process's database: integrity first (as it was left), then the keys, then each answer through a restarted engine. */
    static Check check(Path dataDir, int count, Set<String> durable) throws Exception {
        Path file = dataDir.resolve(Database.FILE_NAME);
        String integrity;
        Set<String> keys = new HashSet<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            try (var rs = s.executeQuery("PRAGMA integrity_check")) {
                integrity = rs.next() ? rs.getString(1) : "no answer";
            }
            try (var rs = s.executeQuery("SELECT key FROM exact_cache")) {
                while (rs.next()) keys.add(rs.getString(1));
            }
        }
        long missing = durable.stream().filter(k -> !keys.contains(k)).count();
        long halfWritten = 0;
        long served = 0;
        String notice;
        try (var engine = Engine.open(FaultEngines.simulatorOptions(dataDir))) {
            notice = String.join("; ", engine.notices());
            for (int i = 0; i < count; i++) {
                var request = ReplayChild.request(i);
                var cached = engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
                if (!(cached instanceof ChatResult.Answered a) || a.source() != AnswerSource.EXACT_CACHE) continue;
                served++;
                var fresh = engine.pipeline().execute(request.withCacheMode(CacheMode.BYPASS), TokenListener.NONE, new Cancellation());
                if (!(fresh instanceof ChatResult.Answered f) || !f.text().equals(a.text())) halfWritten++;
            }
        }
        Files.deleteIfExists(dataDir.resolve("child-stderr.txt"));
        return new Check(integrity, keys.size(), missing, halfWritten, served, notice);
    }
}
