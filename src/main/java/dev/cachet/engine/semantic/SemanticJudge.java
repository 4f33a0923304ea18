package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.config.CalibrationSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.provider.ProviderRequest;
import dev.cachet.engine.provider.ResolvedModel;
import dev.cachet.engine.semantic.calibration.LabelStore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The optional judge: a short yes/no question to a (small) model through the provider port, asked
 * for borderline candidates before they are served. Verdicts are cached in the label store, so a pair
 * of questions is judged once. A judge that fails, times out or answers neither yes nor no gives no
 * verdict, and the candidate is explored as without a judge.
 */
public final class SemanticJudge {

    /** Finds the model the judge asks: the configured one, or the request's own. */
    @FunctionalInterface
    public interface ModelResolver {
        ResolvedModel resolve(String provider, String model) throws ProviderException;
    }

    /** The judge's answer for one pair: {@code same} is null when it gave none. */
    public record Verdict(Boolean same, String model, boolean cached, String detail) {
        public String describe() {
            if (same == null) return "no verdict: " + detail;
            return (same ? "same" : "different") + " (" + model + (cached ? ", cached" : "") + ")";
        }
    }

    private static final Logger LOG = Logger.getLogger(SemanticJudge.class.getName());

    private final CalibrationSettings.Judge settings;
    private final ModelResolver resolver;
    private final LabelStore verdicts;

    public SemanticJudge(CalibrationSettings.Judge settings, ModelResolver resolver, LabelStore verdicts) {
        this.settings = settings;
        this.resolver = resolver;
        this.verdicts = verdicts;
    }

    public boolean enabled() { return settings.enabled(); }

    /** Asks (or recalls) whether {@code newQuestion} may take {@code cachedQuestion}'s answer. */
    public Verdict judge(String cachedQuestion, String newQuestion, ResolvedModel requestModel) throws InterruptedException {
        ResolvedModel model;
        try {
            model = settings.provider() == null && settings.model() == null ? requestModel
                    : resolver.resolve(settings.provider(), settings.model());
        } catch (ProviderException e) {
            return new Verdict(null, String.valueOf(settings.model()), false, e.error().oneLine());
        }
        String key = SemanticKey.sha256(model.ref() + "\u0000" + pairText(cachedQuestion, newQuestion));
        Optional<Boolean> known = verdicts.judgeVerdict(key);
        if (known.isPresent()) return new Verdict(known.get(), model.ref().toString(), true, "");
        var cancellation = new Cancellation();
        var reply = CompletableFuture.supplyAsync(() -> {
            try {
                return model.provider().chat(new ProviderRequest(model.ref().model(), JudgePrompt.messages(cachedQuestion, newQuestion),
                        ChatParams.DEFAULTS.withTemperature(0.0).withMaxTokens(3)), t -> { }, cancellation).text();
            } catch (ProviderException e) {
                throw new IllegalStateException(e.error().oneLine(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, r -> Thread.ofVirtual().name("semantic-judge").start(r));
        try {
            String text = reply.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            Boolean same = JudgePrompt.read(text);
            if (same == null) return new Verdict(null, model.ref().toString(), false, "reply was neither yes nor no: " + shorten(text));
            verdicts.putJudgeVerdict(key, same, model.ref().toString());
            return new Verdict(same, model.ref().toString(), false, "");
        } catch (TimeoutException e) {
            cancellation.cancel();
            return new Verdict(null, model.ref().toString(), false, "no reply within " + settings.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "semantic judge failed", e.getCause());
            return new Verdict(null, model.ref().toString(), false, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            cancellation.cancel();
            throw e;
        }
    }

    /** The two questions in a fixed order: the judge's question is symmetric. */
    private static String pairText(String a, String b) {
        String x = a.strip(), y = b.strip();
        return x.compareTo(y) <= 0 ? x + "\u0000" + y : y + "\u0000" + x;
    }

    private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 39) + "…" : s; }
}
