package dev.cachet.engine.exec;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.ProviderResilience;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.faults.FaultServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMonitorTest {

    @TempDir Path dir;

    private static ProviderConfig provider(String id, FaultServer server) {
        var breaker = new ProviderResilience(new ProviderResilience.Retry(1, null, null, null), new ProviderResilience.Breaker(2, Duration.ofMinutes(5)),
                null, null);
        return new ProviderConfig(id, "openai", server.baseUrl(), null, "fault-model", List.of("fault-model"), null, null, null,
                List.of(), 0.0, 1, breaker);
    }

    private Engine open(FaultServer up, FaultServer down) {
        var config = CachetConfig.defaults().withProviders(List.of(provider("up", up), provider("down", down))).withDefaultProvider("up");
        return Engine.open(new EngineOptions(dir, config, false, InstantSource.system(), Environment.of(Map.of()), ModelCatalogue.builtIn()));
    }

    @Test
    void probes_recordAvailabilityLatencyAndBreakerChanges_inSqlite() {
        try (var up = new FaultServer(); var down = new FaultServer().behave(FaultServer.Behaviour.status(503))) {
            try (var engine = open(up, down)) {
                for (int i = 0; i < 2; i++) {
                    engine.pipeline().execute(new ChatRequest("down", null, List.of(dev.cachet.engine.chat.ChatMessage.user("q" + i)), null, null, null, null),
                            TokenListener.NONE, new Cancellation());
                }
                engine.health().probeAll();
                engine.health().probeAll();
                var upSummary = engine.health().summary("up", Duration.ofHours(1));
                var downSummary = engine.health().summary("down", Duration.ofHours(1));
                assertThat(upSummary.probes()).isEqualTo(2);
                assertThat(upSummary.availability()).isEqualTo(1.0);
                assertThat(upSummary.lastLatency()).isNotNull();
                assertThat(downSummary.availability()).isEqualTo(0.0);
                assertThat(downSummary.lastDetail()).contains("503");
                assertThat(up.modelListings()).isEqualTo(2);
                var health = engine.providerHealth().stream().filter(h -> h.provider().equals("down")).findFirst().orElseThrow();
                assertThat(health.breaker()).isEqualTo(CircuitBreaker.State.OPEN);
                assertThat(health.probes().probes()).isEqualTo(2);
            }
            // The history outlives the process: the breaker's opening is in the table.
            try (var engine = open(up, down)) {
                var records = engine.health().history().since("down", Instant.EPOCH);
                assertThat(records).anySatisfy(r -> {
                    assertThat(r.kind()).isEqualTo(HealthRecord.BREAKER);
                    assertThat(r.breaker()).isEqualTo(CircuitBreaker.State.OPEN);
                });
                assertThat(records.stream().filter(r -> r.kind().equals(HealthRecord.PROBE))).hasSize(2);
            }
        }
    }
}
