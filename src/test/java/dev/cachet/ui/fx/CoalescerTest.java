package dev.cachet.ui.fx;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest {

    @Test
    void tokensArrivingBeforeTheUiRuns_areHandedOverOnce() {
        List<Runnable> queued = new ArrayList<>();
        List<String> received = new ArrayList<>();
        var coalescer = new Coalescer(queued::add, received::add);

        coalescer.append("a");
        coalescer.append("b");
        coalescer.append("c");
        assertThat(queued).hasSize(1);

        queued.removeFirst().run();
        assertThat(received).containsExactly("abc");

        coalescer.append("d");
        assertThat(queued).hasSize(1);
        queued.removeFirst().run();
        assertThat(received).containsExactly("abc", "d");
    }

    @Test
    void flushWithNothingPending_handsOverNothing() {
        List<String> received = new ArrayList<>();
        new Coalescer(UiThread.direct(), received::add).flush();
        assertThat(received).isEmpty();
    }
}
