package dev.cachet.engine.store;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.EncryptionSettings;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionAtRestTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
    private static final String QUESTION = "Which colour is the zebra-striped umbrella 7431?";

    @TempDir Path dir;

    private Engine open(Map<String, String> env, List<String> scope) {
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);
        var config = CachetConfig.defaults().withSimulator(sim).withDefaultProvider(SimulatorProvider.ID)
                .withEncryption(new EncryptionSettings(null, scope));
        return Engine.open(new EngineOptions(dir, config, false, InstantSource.system(), Environment.of(env), ModelCatalogue.builtIn()));
    }

    private static ChatRequest request() {
        return new ChatRequest(SimulatorProvider.ID, null, List.of(ChatMessage.user(QUESTION)), new ChatParams(0.0, null, null, null, null, null),
                null, null, null);
    }

    private static ChatResult ask(Engine engine) {
        return engine.pipeline().execute(request(), TokenListener.NONE, new Cancellation());
    }

    /** Every byte of every file in the data dir (database, its log, side files). */
    private String allBytes() throws Exception {
        var sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) sb.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test
    void withAKey_noPlaintextOfAKnownAnswerOrQuestionIsInTheFile_andItReadsBack() throws Exception {
        String answer;
        try (var engine = open(Map.of("CACHET_ENCRYPTION_KEY", KEY), List.of())) {
            answer = ((ChatResult.Answered) ask(engine)).text();
            var conversation = engine.conversations().create(QUESTION);
            engine.conversations().append(conversation.id(), ChatMessage.user(QUESTION));
            engine.conversations().append(conversation.id(), ChatMessage.assistant(answer));
        }
        String bytes = allBytes();
        assertThat(answer).contains("zebra-striped umbrella");
        assertThat(bytes).doesNotContain("zebra-striped umbrella").doesNotContain(answer.substring(answer.length() / 2));
        try (var engine = open(Map.of("CACHET_ENCRYPTION_KEY", KEY), List.of())) {
            var again = (ChatResult.Answered) ask(engine);
            assertThat(again.source()).isEqualTo(AnswerSource.EXACT_CACHE);
            assertThat(again.text()).isEqualTo(answer);
            var conversation = engine.conversations().list().getFirst();
            assertThat(conversation.title()).isEqualTo(QUESTION);
            assertThat(engine.conversations().messages(conversation.id())).extracting(m -> m.message().content()).containsExactly(QUESTION, answer);
        }
    }

    @Test
    void withoutAKey_theSameAnswerIsInTheFile_soTheScanAboveCanFail() throws Exception {
        try (var engine = open(Map.of(), List.of())) {
            ask(engine);
        }
        assertThat(allBytes()).contains("zebra-striped umbrella");
    }

    @Test
    void aLostKey_isAClearRefusal_thatChangesNothing() throws Exception {
        try (var engine = open(Map.of("CACHET_ENCRYPTION_KEY", KEY), List.of())) {
            ask(engine);
        }
        byte[] before = Files.readAllBytes(dir.resolve(Database.FILE_NAME));
        assertThatThrownBy(() -> open(Map.of(), List.of())).isInstanceOf(DatabaseException.class)
                .hasMessageContaining(dir.resolve(Database.FILE_NAME).toString())
                .hasMessageContaining("is encrypted").hasMessageContaining("CACHET_ENCRYPTION_KEY is not set");
        assertThatThrownBy(() -> open(Map.of("CACHET_ENCRYPTION_KEY", "another passphrase"), List.of())).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is not the one").hasMessageNotContaining("another passphrase");
        assertThat(Files.readAllBytes(dir.resolve(Database.FILE_NAME))).isEqualTo(before);
    }

    @Test
    void perNamespace_onlyThatModelsAnswersAreSealed() throws Exception {
        try (var engine = open(Map.of("CACHET_ENCRYPTION_KEY", "a passphrase is stretched"), List.of("model:simulator/sim-large"))) {
            ask(engine); // sim-small: not in scope
            engine.pipeline().execute(request().withTarget(SimulatorProvider.ID, "sim-large"), TokenListener.NONE, new Cancellation());
        }
        String bytes = allBytes();
        assertThat(bytes).contains("zebra-striped umbrella"); // sim-small's answer, unsealed
        try (var engine = open(Map.of("CACHET_ENCRYPTION_KEY", "a passphrase is stretched"), List.of("model:simulator/sim-large"))) {
            var large = (ChatResult.Answered) engine.pipeline().execute(request().withTarget(SimulatorProvider.ID, "sim-large"),
                    TokenListener.NONE, new Cancellation());
            assertThat(large.source()).isEqualTo(AnswerSource.EXACT_CACHE);
        }
        long plainSmall = java.util.regex.Pattern.compile("zebra-striped umbrella").matcher(bytes).results().count();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE_NAME));
             var rs = c.createStatement().executeQuery("SELECT model, value FROM exact_cache")) {
            while (rs.next()) {
                assertThat(AtRest.sealed(rs.getBytes(2))).as(rs.getString(1)).isEqualTo(rs.getString(1).equals("sim-large"));
            }
        }
        assertThat(plainSmall).isPositive();
    }
}
