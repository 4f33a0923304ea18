package dev.cachet.engine.experiments.live;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.TemplateSettings;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** An engine on an instant simulator whose templates folder holds one template with a split. */
public final class SplitTemplates {

    /** Two variants half and half; a comment to show a rewrite keeps it. */
    public static final String GREETER = """
            # the greeting A/B (this comment stays)
            id: greeter
            variables:
              name: {type: string, required: true}
            messages:
              user: "Say hello to {{ name }}"
            variants:
              warm:
                messages:
                  user: "Warmly say hello to {{ name }}"
              brief:
                messages:
                  user: "Briefly say hello to {{ name }}"
            split:
              warm: 0.5
              brief: 0.5
            """;

    private SplitTemplates() { }

    /** Writes {@code text} as {@code prompts/NAME} under {@code dir} and opens an engine on that folder (templates loaded). */
    public static Engine engine(Path dir, String name, String text) throws IOException {
        Path prompts = dir.resolve("prompts");
        Files.createDirectories(prompts);
        Files.writeString(prompts.resolve(name), text);
        var config = CachetConfig.defaults().withDefaultProvider(SimulatorProvider.ID)
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0))
                .withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        Engine engine = Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system()));
        engine.templates().current();
        return engine;
    }
}
