package dev.cachet.server;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.metrics.EndpointTraffic;
import dev.cachet.engine.provider.SimulatorSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Predicate;

/** A real engine (simulator as default provider) behind a real endpoint on a free loopback port. */
final class RunningEndpoint implements AutoCloseable {

    static final SimulatorSettings FAST = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);

    final Engine engine;
    final TokenStore tokens;
    final String token;
    final EndpointServer server;

    RunningEndpoint(Path dataDir, SimulatorSettings simulator) throws Exception {
        this(dataDir, simulator, List.of(), EndpointSettings.DEFAULTS.withPort(0), TemplateRequests.NONE);
    }

    RunningEndpoint(Path dataDir, SimulatorSettings simulator, List<ProviderConfig> providers, EndpointSettings settings,
                    TemplateRequests templates) throws Exception {
        var config = CachetConfig.defaults().withProviders(providers).withSimulator(simulator).withDefaultProvider("simulator");
        engine = Engine.open(new EngineOptions(dataDir, config, false, InstantSource.system()));
        tokens = new TokenStore(engine.database(), InstantSource.system());
        token = tokens.issue("test");
        server = EndpointServer.start(engine, settings, tokens, templates);
    }

    String baseUrl() { return server.baseUrl(); }

    /** Waits (bounded) until the endpoint recorded a request that {@code matches}; the request finishes after its response. */
    EndpointTraffic.Request awaitRequest(Predicate<EndpointTraffic.Request> matches) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            for (var r : engine.endpointTraffic().snapshot(1000).recent()) if (matches.test(r)) return r;
            Thread.sleep(10);
        }
        throw new AssertionError("no such request recorded; recent: " + engine.endpointTraffic().snapshot(10).recent());
    }

    @Override public void close() {
        server.close();
        engine.close();
    }
}
