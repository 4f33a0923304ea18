package dev.cachet.ui.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AxisLabelsTest {

    @Test void stageTimes_readAsDurations_fromMicrosecondsToSeconds_neverAsExponents() {
        var us = AxisLabels.forUnit("µs");
        assertThat(us.toString(0.0)).isEqualTo("0");
        assertThat(us.toString(15.0)).isEqualTo("15 µs");
        assertThat(us.toString(250.0)).isEqualTo("250 µs");
        assertThat(us.toString(50_000.0)).isEqualTo("50 ms");
        assertThat(us.toString(100_000.0)).isEqualTo("100 ms");
        assertThat(us.toString(1_500_000.0)).isEqualTo("1.5 s");
        var ms = AxisLabels.forUnit("ms");
        assertThat(ms.toString(0.5)).isEqualTo("500 µs");
        assertThat(ms.toString(2_500.0)).isEqualTo("2.5 s");
    }

    @Test void otherFigures_arePlain() {
        var plain = AxisLabels.forUnit("req/s");
        assertThat(plain.toString(250.0)).isEqualTo("250");
        assertThat(plain.toString(12.5)).isEqualTo("12.5");
        assertThat(plain.toString(0.0183)).isEqualTo("0.018");
        assertThat(plain.toString(-3_600.0)).isEqualTo("-3,600");
        assertThat(plain.toString(100_000.0)).isEqualTo("100,000");
        assertThat(AxisLabels.labelsCarryUnit("µs")).isTrue();
        assertThat(AxisLabels.labelsCarryUnit("%")).isFalse();
    }
}
