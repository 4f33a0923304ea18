package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.Cancellation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The built-in simulator: a stand-in model server for demos, benchmarks and tests when no model is
 * installed. Its text is deterministic (derived from model + messages + params) and says plainly that
 * it is simulated; latency, streaming speed, errors and 429s follow {@link SimulatorSettings}.
 */
public final class SimulatorProvider implements ChatProvider {

    public static final String ID = "simulator";

    private static final String[] WORDS = ("cache latency token model answer request pipeline router embedding "
            + "vector budget stream batch provider prompt template context retrieval score threshold metric "
            + "signal query result version namespace guard").split(" ");

    private volatile SimulatorSettings settings;
    private final SimulatorScript script;

    public SimulatorProvider(SimulatorSettings settings) { this(settings, SimulatorScript.NONE); }

    /** With a scripted mode: prompts a rule matches get the rule's answer (latency and failures as usual). */
    public SimulatorProvider(SimulatorSettings settings, SimulatorScript script) {
        this.settings = settings;
        this.script = script;
    }

    public SimulatorScript script() { return script; }

    public SimulatorSettings settings() { return settings; }

    /** Settings change live (the dashboard's load generator and tests turn latency and failures up and down). */
    public void settings(SimulatorSettings s) { this.settings = s; }

    @Override public String id() { return ID; }
    @Override public String displayName() { return "simulator"; }
    @Override public List<String> models() { return settings.models(); }
    @Override public double defaultTemperature() { return 0.7; }

    @Override
    public ProviderResponse chat(ProviderRequest request, TokenListener tokens, Cancellation cancellation)
            throws ProviderException, InterruptedException {
        SimulatorSettings s = settings;
        if (!s.models().contains(request.model())) {
            throw new ProviderException(new ChatError(ChatError.Kind.UNKNOWN_MODEL,
                    "unknown model '" + request.model() + "' for provider 'simulator'", "available: " + String.join(", ", s.models())));
        }
        double roll = ThreadLocalRandom.current().nextDouble(); // failures stay random: a retry may succeed
        if (roll < s.rateLimitRate()) {
            throw new ProviderException(new ChatError(ChatError.Kind.RATE_LIMITED, "simulator: 429 Too Many Requests",
                    "simulated rate limit; retry later", Duration.ofMillis(200)));
        }
        if (roll < s.rateLimitRate() + s.errorRate()) {
            throw new ProviderException(new ChatError(ChatError.Kind.SERVER_ERROR, "simulator: 500 Internal Server Error",
                    "simulated server error"));
        }
        // A seeded request (an experiment's cell) draws its scripted answer and latency from the seed and the prompt,
        // so a seeded run repeats exactly.
        java.util.random.RandomGenerator random = request.params().seed() == null ? ThreadLocalRandom.current()
                : new SplittableRandom(request.params().seed() ^ fnv64(SimulatorScript.render(request.messages())));
        var scripted = script.answer(request.messages(), random);
        List<String> answer = scripted.map(a -> words(a.text())).orElseGet(() -> answerTokens(request, s.answerTokens()));
        Duration firstToken = scripted.map(SimulatorScript.Scripted::timeToFirstToken).orElse(null);
        if (firstToken == null) firstToken = s.timeToFirstToken();
        int limit = request.params().maxTokens() == null ? answer.size() : Math.min(answer.size(), request.params().maxTokens());
        FinishReason finish = limit < answer.size() ? FinishReason.LENGTH : FinishReason.STOP;

        var stop = new CountDownLatch(1);
        cancellation.onCancel(stop::countDown);
        pause(firstToken.toNanos(), stop);
        long perToken = s.tokensPerSecond() <= 0 ? 0 : (long) (1e9 / s.tokensPerSecond());
        var text = new StringBuilder();
        for (int i = 0; i < limit; i++) {
            if (i > 0) pause(perToken, stop);
            cancellation.throwIfCancelled();
            text.append(answer.get(i));
            tokens.onToken(answer.get(i));
        }
        return new ProviderResponse(text.toString(), new Usage(estimateTokens(request.messages()), limit), finish);
    }

    /** Deterministic words seeded by everything that changes the answer. */
    static List<String> answerTokens(ProviderRequest request, int typicalLength) {
        var seedText = new StringBuilder(request.model());
        for (ChatMessage m : request.messages()) seedText.append('\u0000').append(m.role()).append(m.content());
        seedText.append(request.params());
        var rnd = new SplittableRandom(fnv64(seedText.toString()));
        int n = Math.max(8, typicalLength / 2 + rnd.nextInt(typicalLength + 1));
        String question = request.messages().getLast().content().strip().replaceAll("\\s+", " ");
        if (question.length() > 60) question = question.substring(0, 57) + "...";
        var out = new java.util.ArrayList<String>(n + 8);
        for (String w : ("[simulated answer] Re: \"" + question + "\":").split("(?<= )")) out.add(w);
        for (int i = 0; i < n; i++) out.add(" " + WORDS[rnd.nextInt(WORDS.length)] + (i == n - 1 ? "." : ""));
        return out;
    }

    /** A scripted answer as stream tokens: each word with the white space before it. */
    static List<String> words(String text) {
        var out = new java.util.ArrayList<String>();
        var m = java.util.regex.Pattern.compile("\\s*\\S+").matcher(text);
        while (m.find()) out.add(m.group());
        if (out.isEmpty()) out.add(text);
        return out;
    }

    /** Rough count (about four characters a token) used where a server reports none. */
    public static int estimateTokens(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage m : messages) chars += m.content().length() + 4;
        return Math.max(1, chars / 4);
    }

    private static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Waits, waking at once on cancel: one wake-up per wait instead of polling in slices. */
    private static void pause(long nanos, CountDownLatch stop) throws InterruptedException {
        boolean cancelled = nanos > 0 ? stop.await(nanos, TimeUnit.NANOSECONDS) : stop.getCount() == 0;
        if (cancelled) throw new Cancellation.CancelledException();
    }
}
