package dev.cachet.engine.trace;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTest {

    @Test void requestIds_areVersion4Uuids_andDistinct() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            String id = new Trace(Instant.EPOCH).requestId();
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
