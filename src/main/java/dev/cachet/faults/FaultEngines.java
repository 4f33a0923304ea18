package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.ProviderResilience;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** Engines on fault servers, the way a user would configure them in cachet.yaml. */
final class FaultEngines {

    /** The environment variable the fault providers read their key from, and the fake key in it. */
    static final String KEY_ENV = "CACHET_FAULTS_KEY";
    static final String FAKE_KEY = "sk-faults-0123456789abcdefFAKEKEY";
    static final String MODEL = "fault-model";

    private FaultEngines() { }

    /** An OpenAI-compatible provider entry on {@code server}. */
    static ProviderConfig provider(String id, FaultServer server, Duration firstToken, ProviderResilience resilience, String... fallbacks) {
        return new ProviderConfig(id, "openai", server.baseUrl(), KEY_ENV, MODEL, List.of(MODEL), null, Duration.ofSeconds(5),
                firstToken, List.of(fallbacks), 0.0, 1, resilience);
    }

    static ProviderResilience resilience(int maxAttempts, int breakerThreshold, Duration coolDown) {
        return new ProviderResilience(new ProviderResilience.Retry(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(60)),
                new ProviderResilience.Breaker(breakerThreshold, coolDown), null, null);
    }

    static EngineOptions options(Path dataDir, String defaultProvider, List<ProviderConfig> providers, SimulatorSettings simulator) {
        var config = new CachetConfig(defaultProvider, providers, simulator, null, null, semanticOff());
        return new EngineOptions(dataDir, config, false, InstantSource.system(), Environment.of(Map.of(KEY_ENV, FAKE_KEY)),
                ModelCatalogue.builtIn());
    }

    /** The semantic level off: where it is not what a scenario is about, its embedding model would only cost time. */
    static SemanticSettings semanticOff() {
        var d = SemanticSettings.DEFAULTS;
        return new SemanticSettings(false, d.embedder(), d.maxTemperature(), d.threshold(), d.shortThreshold(), d.shortWords(),
                d.perDifference(), d.maxThreshold(), d.neighbours(), d.graphCrossover(), d.thresholds(), d.ttl(), d.batchMaxSize(),
                d.batchMaxWait());
    }

    /** The zero-latency simulator as the default provider, the semantic level off: the kill, two-writer, 100k and database scenarios. */
    static EngineOptions simulatorOptions(Path dataDir) {
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);
        var config = CachetConfig.defaults().withSimulator(sim).withDefaultProvider(dev.cachet.engine.provider.SimulatorProvider.ID)
                .withSemantic(semanticOff());
        return new EngineOptions(dataDir, config, false, InstantSource.system(), Environment.of(Map.of()), ModelCatalogue.builtIn());
    }

    /** One prompt, deterministic parameters, to a provider (null = the default). */
    static ChatRequest request(String provider, String prompt) {
        return new ChatRequest(provider, null, List.of(ChatMessage.user(prompt)), new ChatParams(0.0, null, null, null, null, null),
                null, null, CacheMode.USE);
    }

    /**
     * Opens the data dir again with provider {@code providerId} pointing at a server that refuses everything,
     * and counts the answers of {@code expected} (prompt to text) that are not served from the cache.
     */
    static long lostAfterRestart(Path dataDir, String providerId, Map<String, String> expected) {
        try (var dead = new FaultServer().behave(FaultServer.Behaviour.status(503))) {
            var provider = provider(providerId, dead, Duration.ofSeconds(5), resilience(1, 1_000, Duration.ofSeconds(1)));
            try (var engine = Engine.open(options(dataDir, providerId, List.of(provider), SimulatorSettings.DEFAULTS))) {
                return missingFromCache(engine, providerId, expected);
            }
        }
    }

    /**
     * Asks {@code engine} each prompt again and counts those whose stored answer is missing or differs
     * from {@code expected}: the engine's providers must not answer (point them at a server that refuses),
     * so only the cache can.
     */
    static long missingFromCache(Engine engine, String provider, Map<String, String> expected) {
        long missing = 0;
        for (var e : expected.entrySet()) {
            ChatResult r = engine.pipeline().execute(request(provider, e.getKey()), TokenListener.NONE, new Cancellation());
            boolean kept = r instanceof ChatResult.Answered a && a.source() == AnswerSource.EXACT_CACHE && a.text().equals(e.getValue());
            if (!kept) missing++;
        }
        return missing;
    }
}
