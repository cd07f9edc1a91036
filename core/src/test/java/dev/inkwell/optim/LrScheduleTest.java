package dev.inkwell.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Schedules against values worked out from the torch.optim.lr_scheduler formulas. */
class LrScheduleTest {

    @Test
    void stepDecaysEveryStepSize() {
        LrSchedule s = LrSchedule.step(0.1, 3, 0.5);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.1, s.at(2), 1e-15);
        assertEquals(0.05, s.at(3), 1e-15);
        assertEquals(0.025, s.at(7), 1e-15);
    }

    @Test
    void cosineGoesFromBaseToMinimum() {
        LrSchedule s = LrSchedule.cosine(1.0, 10, 0.1);
        assertEquals(1.0, s.at(0), 1e-12);
        assertEquals(0.55, s.at(5), 1e-12);
        assertEquals(0.1, s.at(10), 1e-12);
        assertEquals(0.1, s.at(50), 1e-12);
    }

    @Test
    void warmupRisesLinearlyThenDefers() {
        LrSchedule s = LrSchedule.constant(0.2).withWarmup(4, 0.25);
        assertEquals(0.05, s.at(0), 1e-12);
        assertEquals(0.125, s.at(2), 1e-12);
        assertEquals(0.2, s.at(4), 1e-12);
        assertEquals(0.2, s.at(100), 1e-12);
    }

    @Test
    void oneCycleMatchesTorchDefaults() {
        // OneCycleLR(max_lr=1, total_steps=100): starts at 1/25, peaks at step 29, ends at 1/25/1e4
        LrSchedule s = LrSchedule.oneCycle(1.0, 100);
        assertEquals(0.04, s.at(0), 1e-12);
        assertEquals(1.0, s.at(29), 1e-12);
        assertEquals(4e-6, s.at(99), 1e-12);
        double mid = 4e-6 + (1 - 4e-6) / 2 * (Math.cos(Math.PI * (64 - 29) / 70.0) + 1);
        assertEquals(mid, s.at(64), 1e-12);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(-1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.oneCycle(1, 100, 1.5, 25, 1e4));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(1).withWarmup(0, 0.5));
    }
}
