package dev.cachet.engine;

import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.faults.FaultServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the engine while a stream is under way cancels the stream and waits for it: nothing writes after close. */
class CloseDuringStreamTest {

    @TempDir Path dir;

    @Test
    void close_cancelsTheStreamUnderWay_andTheRequestEndsCancelled() throws Exception {
        try (var server = new FaultServer().behave(FaultServer.Behaviour.stallAfter(2))) {
            var stalling = new ProviderConfig("stalling", "openai", server.baseUrl(), null, "fault-model", List.of("fault-model"), null,
                    Duration.ofMinutes(5), Duration.ofMinutes(5));
            var config = CachetConfig.defaults().withProviders(List.of(stalling)).withDefaultProvider("stalling");
            var engine = Engine.open(new EngineOptions(dir, config, false, InstantSource.system(), Environment.of(Map.of()), ModelCatalogue.builtIn()));
            var firstToken = new CountDownLatch(1);
            var call = engine.pipeline().submit(new ChatRequest("stalling", null, List.of(ChatMessage.user("stall for me")), null, null, null, null),
                    new TokenListener() {
                        @Override public void onToken(String token) { firstToken.countDown(); }
                    });
            assertThat(firstToken.await(30, TimeUnit.SECONDS)).isTrue();
            engine.close(); // the stream would stall for five minutes
            assertThat(call.result()).isDone();
            assertThat(call.result().get()).isInstanceOf(ChatResult.Cancelled.class);
            assertThat(((ChatResult.Cancelled) call.result().get()).partialText()).isIn("Answer", "Answer to"); // what streamed before close
        }
    }
}
