package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.ui.TestEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OfferedProvidersTest {

    @TempDir Path dataDir;
    Engine engine;

    @AfterEach void close() { engine.close(); }

    @Test
    void simulatorAlways_keyedProvidersOnlyWithTheirKey_keylessOnlyWithKnownModels() {
        var providers = new ArrayList<>(CachetConfig.defaults().providers());
        providers.add(TestEngines.deadOllama());
        engine = TestEngines.open(dataDir, TestEngines.FAST, providers);
        var offered = OfferedProviders.of(engine.config(), engine.providers(), Map.of("OPENAI_API_KEY", "x")::get);

        assertThat(offered.test("simulator")).isTrue();
        assertThat(offered.test("openai")).isTrue();
        assertThat(offered.test("anthropic")).isFalse();
        assertThat(offered.test("ollama")).isFalse();
        assertThat(offered.test("deadlocal")).isTrue();
    }
}
