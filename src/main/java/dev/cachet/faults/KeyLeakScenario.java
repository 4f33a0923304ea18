package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.trace.Attempt;
import dev.cachet.engine.trace.TraceEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

/**
 * Chats against failing providers that hold a known fake key (one server quotes the key back in its 401
 * body, as a careless proxy does; another fails with 500), with every log level on, then looks for the
 * key in: every log record (with its stack trace), every trace (entries, details, timeline), every
 * exported conversation (Markdown and JSON), every column of every SQLite table as bytes, and the raw
 * bytes of every file in the data dir. The window's text is scanned by a UI test of its own.
 */
final class KeyLeakScenario implements Scenario {

    @Override public String name() { return "keyLeak"; }

    @Override public String description() {
        return "chats against failing providers with a known fake key: the key is in no log, trace, export, SQLite table or file";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        String key = FaultEngines.FAKE_KEY;
        var log = new StringBuilder();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();
            @Override public synchronized void publish(LogRecord r) { log.append(format.format(r)); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        var result = new ScenarioResult.Builder(name());
        var traces = new StringBuilder();
        var exports = new ArrayList<Path>();
        Path dataDir = ctx.dir(name());
        Path exportDir = ctx.dir(name() + "-exports");
        try (var echoing = new FaultServer().behave(FaultServer.Behaviour.unauthorizedEchoingKey());
             var failing = new FaultServer().behave(FaultServer.Behaviour.status(500))) {
            var resilience = FaultEngines.resilience(2, 3, Duration.ofSeconds(30));
            var providers = List.of(FaultEngines.provider("echoing", echoing, Duration.ofSeconds(5), resilience, "failing"),
                    FaultEngines.provider("failing", failing, Duration.ofSeconds(5), resilience));
            try (var engine = Engine.open(FaultEngines.options(dataDir, "echoing", providers, SimulatorSettings.DEFAULTS))) {
                ctx.say(name() + ": chats against a server that quotes the key back and one that fails, every log level on");
                for (int i = 0; i < 6; i++) {
                    String prompt = "leak test question " + i;
                    var conversation = engine.conversations().create(prompt);
                    engine.conversations().append(conversation.id(), ChatMessage.user(prompt));
                    ChatResult r = engine.pipeline().execute(FaultEngines.request(i % 2 == 0 ? "echoing" : "failing", prompt),
                            TokenListener.NONE, new Cancellation());
                    result.sent(1);
                    switch (r) {
                        case ChatResult.Answered a -> {
                            result.answered(1);
                            engine.conversations().appendAnswer(conversation.id(), a);
                        }
                        case ChatResult.Failed f -> {
                            result.failed(1);
                            // What the user saw is kept with the conversation, as the chat pane shows it.
                            engine.conversations().append(conversation.id(), ChatMessage.assistant("error: " + f.error().oneLine()));
                        }
                        case ChatResult.Cancelled c -> result.failed(1);
                    }
                    traces.append(r.trace().format()).append('\n');
                    for (TraceEntry e : r.trace().entries()) traces.append(e).append('\n');
                    for (Attempt a : r.trace().attempts()) traces.append(a).append('\n');
                    Path md = exportDir.resolve("conversation-" + i + ".md");
                    Path json = exportDir.resolve("conversation-" + i + ".json");
                    Files.writeString(md, engine.conversations().exportMarkdown(conversation.id()));
                    Files.writeString(json, engine.conversations().exportJson(conversation.id()));
                    exports.add(md);
                    exports.add(json);
                }
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        var places = new LinkedHashMap<String, Object>();
        places.put("logRecords", count(log.toString(), key));
        places.put("traces", count(traces.toString(), key));
        long inExports = 0;
        for (Path p : exports) inExports += count(Files.readString(p), key);
        places.put("exportedFiles", inExports);
        places.put("sqliteTables", inTables(dataDir.resolve(Database.FILE_NAME), key));
        places.put("dataDirFiles", inFiles(dataDir, key));
        long leaks = places.values().stream().mapToLong(v -> (Long) v).sum();
        result.figure("keyFoundIn", places).figure("logBytesScanned", log.length()).figure("filesExported", exports.size());
        result.check(leaks == 0, "the key leaked: " + places)
                .check(log.length() > 0, "nothing was logged: the log scan proves nothing")
                .check(reachedEchoingServer(traces), "the echoing server was never reached: the scan proves nothing");
        return result.build();
    }

    private static boolean reachedEchoingServer(CharSequence traces) { return traces.toString().contains("AUTHENTICATION"); }

    private static long count(String text, String key) {
        long n = 0;
        for (int i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) n++;
        return n;
    }

    /** Every column of every row of every table, as bytes. */
    private static long inTables(Path db, String key) throws Exception {
        byte[] needle = key.getBytes(StandardCharsets.UTF_8);
        long n = 0;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            var tables = new ArrayList<String>();
            try (var rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (var rs = s.executeQuery("SELECT * FROM \"" + t.replace("\"", "\"\"") + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] v = rs.getBytes(i);
                            if (v != null && indexOf(v, needle) >= 0) n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    private static long inFiles(Path dir, String key) throws Exception {
        byte[] needle = key.getBytes(StandardCharsets.UTF_8);
        long n = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) if (indexOf(Files.readAllBytes(p), needle) >= 0) n++;
        }
        return n;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
