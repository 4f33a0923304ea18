package dev.cachet.ui.shell;

import dev.cachet.engine.cache.TeamCacheStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's team-cache and endpoint items: absent when not configured, and a down team cache said plainly. */
class TeamAndEndpointStatusTest {

    @Test void withoutTeamCacheOrEndpoint_theItemsAreEmpty() {
        var vm = new ShellViewModel(WindowState.DEFAULTS);
        vm.show(new StatusFigures(1L, 10L, 0.0, null));
        assertThat(vm.teamStatusProperty().get()).isEmpty();
        assertThat(vm.endpointStatusProperty().get()).isEmpty();
    }

    @Test void aTeamCacheThatIsDown_saysTheWorkbenchAnswersLocally() {
        var vm = new ShellViewModel(WindowState.DEFAULTS);
        var down = new TeamCacheStatus(TeamCacheStatus.State.UNREACHABLE, "redis://h:6379/0", "Connection refused", Instant.EPOCH, 4, 0);
        vm.show(new StatusFigures(1L, 10L, 0.0, null, down, "http://127.0.0.1:8484/v1"));
        assertThat(vm.teamStatusProperty().get()).isEqualTo("team cache unreachable: local cache only");
        assertThat(vm.teamDownProperty().get()).isTrue();
        assertThat(vm.endpointStatusProperty().get()).isEqualTo("endpoint http://127.0.0.1:8484/v1");
        var up = new TeamCacheStatus(TeamCacheStatus.State.CONNECTED, "redis://h:6379/0", null, Instant.EPOCH, 0, 0);
        vm.show(new StatusFigures(1L, 10L, 0.0, null, up, null));
        assertThat(vm.teamStatusProperty().get()).isEqualTo("team cache: connected");
        assertThat(vm.teamDownProperty().get()).isFalse();
    }
}
