package dev.cachet.engine.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Real sentences for the semantic bench: every question of the QQP pairs, every CLINC150 utterance and
 * every TriageSQL question, then (to reach the wanted size) new sentences made by joining two real ones
 * or dropping / swapping words of one: real-embedding geometry, never uniform random vectors.
 *
 * @param stored  texts to cache
 * @param queries held-out paraphrases (QQP {@code b} sides of same-meaning pairs), never stored
 */
public record BenchCorpus(List<String> stored, List<String> queries) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static BenchCorpus load(Path dataDir, int size, int queryCount) throws IOException {
        var held = new LinkedHashSet<String>();
        var real = new LinkedHashSet<String>();
        Path qqp = dataDir.resolve("qqp-pairs-dev.jsonl");
        for (String line : Files.readAllLines(qqp)) {
            var n = JSON.readTree(line);
            String a = n.get("a").asText(), b = n.get("b").asText();
            real.add(a);
            if (n.get("same").asBoolean() && held.size() < queryCount && !a.equals(b)) held.add(b);
            else real.add(b);
        }
        real.removeAll(held);
        addField(dataDir.resolve("clinc150-dev.jsonl"), "text", real);
        addField(dataDir.resolve("triagesql-dev.jsonl"), "question", real);
        var base = new ArrayList<>(real);
        var all = new LinkedHashSet<>(real);
        var rnd = new SplittableRandom(42);
        while (all.size() < size) {
            String s = base.get(rnd.nextInt(base.size()));
            String made = switch (rnd.nextInt(3)) {
                case 0 -> join(s, base.get(rnd.nextInt(base.size())));
                case 1 -> dropWord(s, rnd);
                default -> swapWords(s, rnd);
            };
            if (!held.contains(made)) all.add(made);
        }
        var stored = new ArrayList<>(all).subList(0, size);
        return new BenchCorpus(List.copyOf(stored), List.copyOf(held));
    }

    private static void addField(Path file, String field, Set<String> into) throws IOException {
        if (!Files.exists(file)) return;
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) into.add(JSON.readTree(line).get(field).asText());
    }

    private static String join(String a, String b) {
        String first = a.endsWith("?") || a.endsWith(".") ? a.substring(0, a.length() - 1) : a;
        return first + " and " + (b.isEmpty() ? b : Character.toLowerCase(b.charAt(0)) + b.substring(1));
    }

    private static String dropWord(String s, SplittableRandom rnd) {
        String[] w = s.split(" ");
        if (w.length < 3) return s + " please";
        int drop = rnd.nextInt(w.length);
        var sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) if (i != drop) sb.append(sb.isEmpty() ? "" : " ").append(w[i]);
        return sb.toString();
    }

    private static String swapWords(String s, SplittableRandom rnd) {
        String[] w = s.split(" ");
        if (w.length < 3) return "so, " + s;
        int i = rnd.nextInt(w.length - 1);
        String t = w[i];
        w[i] = w[i + 1];
        w[i + 1] = t;
        return String.join(" ", w);
    }
}
