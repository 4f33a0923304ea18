package dev.cachet.faults;

import dev.cachet.cli.CachetCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite at its quick sizes, run once against the real engine (loopback servers, child JVMs),
 * then checked scenario by scenario. Exit during warm-up is left out here: StartThenExitTest runs the
 * same harness in the build. Nothing here is timed: the figures are reported by {@code cachet faults}.
 */
class FaultSuiteTest {

    @TempDir static Path scratch;
    private static Map<String, ScenarioResult> results;

    @BeforeAll
    static void runTheSuite() throws Exception {
        var scenarios = FaultSuite.all().stream().filter(s -> !(s instanceof ExitDuringWarmUpScenario)).toList();
        var ctx = new FaultContext(scratch, true, ChildJvm.current(), new InProcessCli(CachetCommand::commandLine), line -> System.err.println("faults: " + line));
        results = FaultSuite.run(scenarios, ctx);
        System.err.println(FaultSuite.json(results));
    }

    private static ScenarioResult held(String name) {
        ScenarioResult r = results.get(name);
        assertThat(r.problems()).as(name + " problems").isEmpty();
        assertThat(r.lost()).as(name + " lost").isZero();
        return r;
    }

    @Test
    void rateLimit_noRateLimitReachesACaller_andEveryAnswerIsKept() {
        var r = held("rateLimit");
        assertThat(r.rateLimitedToCallers()).isZero();
        assertThat(r.answered()).isEqualTo(r.sent());
        assertThat(r.duplicateCalls()).isZero();
    }

    @Test
    void primaryDown_everyRequestAnswered_breakerOpensThenCloses() {
        var r = held("primaryDown");
        assertThat(r.failed()).isZero();
        assertThat(r.figures().get("breakerOpenedAtMs")).isNotNull();
        assertThat(r.figures().get("breakerClosedAtMs")).isNotNull();
        assertThat((Long) r.figures().get("answeredByFallback")).isPositive();
    }

    @Test
    void slowFirstToken_failsOverWithoutRetryingTheSlowProvider() {
        var r = held("slowFirstToken");
        assertThat(r.figures()).containsEntry("slowProviderRetries", 0L).containsEntry("answeredByFallback", r.sent());
    }

    @Test
    void brokenStreams_areFailuresWithTheirPartialText_neverCached() {
        var r = held("brokenStreams");
        assertThat(r.answered()).isZero();
        assertThat(r.figures()).containsEntry("brokenAnswersServedFromCache", 0L);
    }

    @Test
    void killDuringReplay_everyDurableEntrySurvives_atThreeKillPoints() {
        var r = held("killDuringReplay");
        for (String point : List.of("afterFirstDurableBatch", "halfDurable", "duringFinalFlush")) {
            @SuppressWarnings("unchecked") var f = (Map<String, Object>) r.figures().get(point);
            assertThat(f).as(point).containsEntry("killed", true).containsEntry("durableMissing", 0L)
                    .containsEntry("integrityCheck", "ok").containsEntry("servedHalfWritten", 0L);
        }
    }

    @Test
    void twoWriters_noErrorAndNoEntryLost() {
        var r = held("twoWriters");
        assertThat(((Number) r.figures().get("inCacheAfterwards")).longValue()).isEqualTo(((Number) r.figures().get("distinctPrompts")).longValue());
    }

    @Test
    void manyAnswersOnASlowDisk_allKept_queueWithinItsBound() {
        var r = held("manyAnswersSlowDisk");
        assertThat(r.figures().get("storedAfterwards")).isEqualTo(100_000L);
        assertThat((Integer) r.figures().get("peakWaitingForDisk")).isLessThanOrEqualTo((Integer) r.figures().get("waitingBound"));
    }

    @Test
    void corruptDatabases_areMovedAsideOrRefused_neverACrash() {
        held("corruptDatabase");
    }

    @Test
    void badInput_isNamedWhereItIs_andTheRestGoesOn() {
        held("badInput");
    }

    @Test
    void keyLeak_theKeyIsNowhere() {
        var r = held("keyLeak");
        assertThat(r.failed()).isEqualTo(r.sent());
    }

    @Test
    void isolation_noCrossHitAtEitherLevel() {
        var r = held("isolation");
        assertThat(r.figures()).containsEntry("crossHits", 0).containsEntry("controlIdentical", "EXACT_CACHE")
                .containsEntry("controlParaphrase", "SEMANTIC_CACHE");
    }
}
