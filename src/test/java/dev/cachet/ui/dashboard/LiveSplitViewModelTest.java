package dev.cachet.ui.dashboard;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.live.LiveAnswer;
import dev.cachet.engine.experiments.live.SplitTemplates;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dashboard's live A/B over a real engine: a split template's report, and Promote rewriting its file. */
class LiveSplitViewModelTest {

    @TempDir Path dir;
    Engine engine;
    Path file;
    LiveSplitViewModel vm;

    @BeforeEach void open() throws Exception {
        engine = SplitTemplates.engine(dir, "greeter.yaml", SplitTemplates.GREETER);
        file = dir.resolve("prompts/greeter.yaml");
        vm = new LiveSplitViewModel(engine.liveSplit(), engine.templates(), UiThread.direct(), Runnable::run);
    }

    @AfterEach void close() { engine.close(); }

    @Test
    void refresh_reportsEverySplitTemplate_andPromote_givesTheWinnerAllTraffic() throws Exception {
        engine.liveSplit().record(new LiveAnswer("r1", "greeter", "warm", "s1", 1, true, 120, 30.0, 0.0001, false, false, true));
        engine.liveSplit().record(new LiveAnswer("r2", "greeter", "brief", "s2", 2, true, 90, 20.0, 0.0001, true, true, false));
        vm.refresh().get(30, TimeUnit.SECONDS);
        assertThat(vm.reports()).filteredOn(r -> r.templateId().equals("greeter")).singleElement().satisfies(r -> {
            assertThat(r.variants()).extracting(v -> v.name() + ":" + v.answers() + ":" + v.thumbsUp() + ":" + v.regenerates())
                    .containsExactly("warm:1:1:0", "brief:1:0:1");
            assertThat(r.leader()).isNull(); // two answers prove nothing
        });

        vm.promote("greeter", "brief").get(30, TimeUnit.SECONDS);
        assertThat(Files.readString(file)).isEqualTo(SplitTemplates.GREETER.replace("warm: 0.5", "warm: 0").replace("brief: 0.5", "brief: 1"));
        assertThat(vm.messageProperty().get()).startsWith("promoted brief in " + file);
    }
}
