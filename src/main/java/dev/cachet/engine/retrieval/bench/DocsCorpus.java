package dev.cachet.engine.retrieval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A generated documentation set: operator manuals for {@code count} fictional server components ("Amber
 * Relay", "Copper Ledger", ...), written as a product's docs are (an overview, then sections on
 * installation, ports, memory, configuration, backups, logging, limits, security, upgrades,
 * troubleshooting), in Markdown, with every fifth manual as HTML and every seventh as plain text. Each
 * section states one fact (a port, a path, a schedule, a limit) among general prose, phrased one of
 * several ways; every fact comes with a question asking for it in other words, and the sentence that
 * answers it: the labelled set for recall@k. Deterministic for a given count and seed.
 */
public final class DocsCorpus {

    /** A question, the manual that answers it, and the sentence that does. */
    public record Labelled(String question, Path file, String answer, int manual) { }

    private static final String[] ADJECTIVES = {"Amber", "Copper", "Silent", "Northern", "Granite", "Velvet", "Hollow", "Bright", "Iron",
            "Crimson", "Quiet", "Swift", "Lunar", "Cobalt", "Willow", "Frost", "Golden", "Hidden", "Marble", "Rapid", "Scarlet", "Tidal",
            "Umber", "Violet", "Winter"};
    private static final String[] NOUNS = {"Relay", "Ledger", "Harbor", "Beacon", "Lantern", "Archive", "Gateway", "Courier", "Sentinel",
            "Compass", "Foundry", "Mill", "Orchard", "Quarry", "Signal", "Vault", "Warden", "Atlas", "Bridge", "Cistern"};
    private static final String[] LICENCES = {"Apache 2.0", "MIT", "BSD 3-clause", "MPL 2.0", "GPL 3.0", "EUPL 1.2"};
    private static final String[] PROTOCOLS = {"gRPC over HTTP/2", "plain HTTP/1.1 with JSON bodies", "WebSockets", "MQTT 5", "AMQP 1.0",
            "a line-based TCP protocol"};
    private static final String[] USERS = {"admin", "operator", "root", "keeper", "steward", "warden", "superuser", "owner"};

    /** General documentation prose: what every manual says in some form. {n} is the component's name. */
    private static final String[] PROSE = {
            "{n} is meant to run unattended for months at a time, so most of its behaviour is decided once, in the configuration, and then left alone.",
            "Every setting described here can also be given on the command line; the command line wins over the configuration file.",
            "When in doubt, start with the defaults: they were chosen on real deployments and only need changing for unusual loads.",
            "The sections below are ordered the way most people set {n} up for the first time, from installation to the first upgrade.",
            "Changes to the configuration are picked up at the next restart unless the section says otherwise.",
            "A staging instance with the same settings as production is the cheapest way to try a change before it matters.",
            "{n} writes a short summary of its settings to the log when it starts, which is the first thing to check when something behaves unexpectedly.",
            "Operators who run several instances usually keep one shared configuration and override only the host-specific values.",
            "Nothing in this section affects data already stored; it only changes how new requests are handled.",
            "If the documentation and the behaviour of {n} disagree, the behaviour is the bug: please report it with the version you run.",
            "The health endpoint answers as soon as {n} accepts requests, so load balancers can use it to decide when to send traffic.",
            "Most problems reported by users turn out to be a firewall or a proxy between the client and {n}, not {n} itself.",
            "Metrics are exported in the Prometheus text format and cover request counts, latencies and queue lengths.",
            "A rolling restart of a cluster is safe as long as one instance at a time is taken out of the load balancer first.",
            "Keep the clocks of all hosts synchronised with NTP; several checks compare timestamps between instances.",
            "The command-line tool that comes with {n} talks to the same API as every other client and needs no special rights.",
            "Settings that take a size accept the suffixes KB, MB and GB; settings that take a duration accept s, m and h.",
            "Before opening a ticket, run the built-in self-check, which tests disk space, permissions and network reachability in one go.",
            "Read-only replicas can serve queries while the primary instance is busy with maintenance.",
            "Third-party plugins run in the same process as {n}, so a faulty plugin can slow down every request.",
    };

    private DocsCorpus() { }

    /** Writes {@code count} manuals under {@code dir} and returns the labelled questions. */
    public static List<Labelled> write(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        var labels = new ArrayList<Labelled>();
        var rnd = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            String name = ADJECTIVES[i % ADJECTIVES.length] + " " + NOUNS[(i / ADJECTIVES.length) % NOUNS.length]
                    + (i >= ADJECTIVES.length * NOUNS.length ? " " + (i / (ADJECTIVES.length * NOUNS.length) + 1) : "");
            String slug = name.toLowerCase(Locale.ROOT).replace(' ', '-');
            String format = i % 5 == 4 ? "html" : i % 7 == 6 ? "txt" : "md";
            Path file = dir.resolve(slug + "." + format);
            var manual = manual(name, slug, rnd);
            Files.writeString(file, render(name, manual, format));
            for (var s : manual) if (s.question != null) labels.add(new Labelled(s.question, file, s.fact, i));
        }
        return labels;
    }

    private record Section(String heading, String fact, String question, List<String> prose) { }

    private static List<Section> manual(String name, String slug, SplittableRandom rnd) {
        String n = name;
        String low = name.toLowerCase(Locale.ROOT);
        int port = 2000 + rnd.nextInt(60_000);
        int mem = 256 << rnd.nextInt(5);
        int hours = 1 + rnd.nextInt(23);
        int copies = 3 + rnd.nextInt(28);
        int timeout = 5 + rnd.nextInt(115);
        int rotate = 10 << rnd.nextInt(6);
        int conns = 100 * (1 + rnd.nextInt(200));
        int major = 1 + rnd.nextInt(8);
        String env = slug.toUpperCase(Locale.ROOT).replace('-', '_') + "_UPSTREAM_URL";
        String user = USERS[rnd.nextInt(USERS.length)];
        String licence = LICENCES[rnd.nextInt(LICENCES.length)];
        String proto = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        String migrate = slug + "-migrate --to " + (major + 1);
        var out = new ArrayList<Section>();
        out.add(new Section("Overview", n + " is released under the " + licence + " licence, and clients talk to it over " + proto + ".",
                "Under which licence is " + low + " distributed?", prose(n, rnd, 3)));
        out.add(new Section("Installation", pick(rnd,
                "Give " + n + " at least " + mem + " MB of memory; with less it refuses to start.",
                n + " needs " + mem + " MB of RAM or more, and will not start below that.",
                "Plan for " + mem + " MB of memory per instance of " + n + "; below that it exits at start-up."),
                "How much RAM does the " + low + " need to start?", prose(n, rnd, 2)));
        out.add(new Section("Ports and networking", pick(rnd,
                n + " listens on TCP port " + port + " by default.",
                "By default " + n + " accepts connections on port " + port + ".",
                "Out of the box, " + n + " binds to port " + port + " on every interface."),
                "What port does " + low + " use if I do not change anything?", prose(n, rnd, 3)));
        out.add(new Section("Configuration", "The configuration of " + n + " lives in /etc/" + slug + "/" + slug + ".conf, and the "
                + env + " environment variable points it at its upstream server.",
                "Which environment variable tells " + low + " where its upstream is?", prose(n, rnd, 3)));
        out.add(new Section("Backups", pick(rnd,
                n + " backs up its state every " + hours + " hours and keeps the last " + copies + " copies.",
                "Every " + hours + " hours " + n + " writes a backup; the newest " + copies + " are kept and older ones deleted.",
                "A backup of " + n + " is taken every " + hours + " hours, and " + copies + " of them are retained."),
                "How often does " + low + " take a backup?", prose(n, rnd, 2)));
        out.add(new Section("Logging", "Logs of " + n + " go to /var/log/" + slug + "/ and are rotated when a file reaches " + rotate + " MB.",
                "Where can I find the log files of " + low + "?", prose(n, rnd, 2)));
        out.add(new Section("Limits", pick(rnd,
                "One instance of " + n + " serves up to " + conns + " concurrent connections; requests time out after " + timeout + " seconds.",
                n + " handles at most " + conns + " simultaneous connections per instance, and gives up on a request after " + timeout + " seconds."),
                "How many clients can a single " + low + " instance serve at once?", prose(n, rnd, 3)));
        out.add(new Section("Security", "The built-in administrator account of " + n + " is called '" + user + "'; change its password at the first login.",
                "What is the default admin account of " + low + " called?", prose(n, rnd, 3)));
        out.add(new Section("Upgrading", "Before upgrading " + n + " from version " + major + " to version " + (major + 1)
                + ", run `" + migrate + "` once; it converts the stored data in place.",
                "What command do I run before moving " + low + " to version " + (major + 1) + "?", prose(n, rnd, 2)));
        out.add(new Section("Troubleshooting", null, null, prose(n, rnd, 4)));
        return out;
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom rnd, T... options) { return options[rnd.nextInt(options.length)]; }

    private static List<String> prose(String name, SplittableRandom rnd, int sentences) {
        var out = new ArrayList<String>();
        for (int i = 0; i < sentences; i++) out.add(PROSE[rnd.nextInt(PROSE.length)].replace("{n}", name));
        return out;
    }

    private static String render(String name, List<Section> sections, String format) {
        var sb = new StringBuilder();
        switch (format) {
            case "html" -> {
                sb.append("<!DOCTYPE html>\n<html><head><title>").append(name).append(" manual</title></head><body>\n<h1>").append(name).append("</h1>\n");
                for (Section s : sections) {
                    sb.append("<h2>").append(s.heading).append("</h2>\n");
                    for (String p : paragraphs(s)) sb.append("<p>").append(p.replace("<", "&lt;")).append("</p>\n");
                }
                sb.append("</body></html>\n");
            }
            case "txt" -> {
                sb.append(name.toUpperCase(Locale.ROOT)).append(" - OPERATOR MANUAL\n\n");
                for (Section s : sections) {
                    sb.append(s.heading).append("\n").append("-".repeat(s.heading.length())).append("\n\n");
                    for (String p : paragraphs(s)) sb.append(p).append("\n\n");
                }
            }
            default -> {
                sb.append("# ").append(name).append("\n\n");
                for (Section s : sections) {
                    sb.append("## ").append(s.heading).append("\n\n");
                    for (String p : paragraphs(s)) sb.append(p).append("\n\n");
                }
            }
        }
        return sb.toString();
    }

    /** The fact sits inside its section's prose, not always first. */
    private static List<String> paragraphs(Section s) {
        var sentences = new ArrayList<>(s.prose);
        if (s.fact != null) sentences.add(Math.min(1, sentences.size()), s.fact);
        var out = new ArrayList<String>();
        for (int i = 0; i < sentences.size(); i += 2) out.add(String.join(" ", sentences.subList(i, Math.min(sentences.size(), i + 2))));
        return out;
    }
}
