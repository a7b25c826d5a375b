package dev.adversarial.gan.api.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void paperLearningRateDecaysPerStepToItsFloor() {
        Schedule lr = new Schedule.ExponentialDecay(0.1, 1.000004, 1e-6);
        assertThat(lr.value(0, 1)).isEqualTo(0.1);
        assertThat(lr.value(1, 1)).isCloseTo(0.1 / 1.000004, within(1e-15));
        assertThat(lr.value(500_000, 1)).isCloseTo(0.1 * Math.exp(-500_000 * Math.log(1.000004)), within(1e-12));
        assertThat(lr.value(100_000_000L, 1)).isEqualTo(1e-6);
    }

    @Test
    void paperMomentumRampsFromEpochOneTo250() {
        Schedule m = new Schedule.LinearRamp(0.5, 0.7, 1, 250);
        assertThat(m.value(0, 1)).isEqualTo(0.5);
        assertThat(m.value(0, 2)).isCloseTo(0.5 + 0.2 / 249, within(1e-12));
        assertThat(m.value(0, 125)).isCloseTo(0.5 + 0.2 * 124 / 249, within(1e-12));
        assertThat(m.value(0, 250)).isEqualTo(0.7);
        assertThat(m.value(0, 1000)).isEqualTo(0.7);
    }

    @Test
    void invalidSchedulesSayWhy() {
        assertThatThrownBy(() -> new Schedule.ExponentialDecay(0.1, 0.5, 0)).hasMessageContaining("factor >= 1");
        assertThatThrownBy(() -> new Schedule.LinearRamp(0.5, 0.7, 10, 5)).hasMessageContaining("toEpoch >= fromEpoch");
    }
}
