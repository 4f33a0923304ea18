package dev.cachet.engine;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop pressed at any moment ends the request: before it starts, in a cache stage, or waiting on the model. */
class CancelOnSubmitTest {

    @Test
    void cancelRightAfterSubmit_alwaysEndsTheRequest(@TempDir Path dir) throws Exception {
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ofSeconds(30), 1));
        try (var engine = Engine.open(new EngineOptions(dir, config, false, InstantSource.system()))) {
            for (int i = 0; i < 200; i++) {
                var call = engine.pipeline().submit(ChatRequest.ofPrompt("slow question " + (i % 3)), TokenListener.NONE);
                if (i % 2 == 1) Thread.sleep(i % 7);
                call.cancel();
                assertThat(call.result().get(10, TimeUnit.SECONDS)).as("request %d", i).isInstanceOf(ChatResult.Cancelled.class);
            }
        }
    }
}
