package dev.inkwell.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernels chosen follow the module's presence and -Dinkwell.simd. */
class SimdDispatchTest {

    @Test
    void autoPicksVectorExactlyWhenTheModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present, KernelsProvider.vector().isPresent());
        Kernels auto = KernelsProvider.choose("auto");
        assertEquals(present ? KernelsProvider.vector().get() : KernelsProvider.scalar(), auto);
        assertTrue(auto.name().startsWith(present ? "vector" : "scalar"), auto.name());
    }

    @Test
    void scalarCanBeForced() {
        assertEquals(KernelsProvider.scalar(), KernelsProvider.choose("scalar"));
    }

    @Test
    void forcingVectorWithoutTheModuleExplainsTheFlag() {
        if (KernelsProvider.vector().isPresent()) {
            assertEquals(KernelsProvider.vector().get(), KernelsProvider.choose("Vector"));
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelsProvider.choose("vector"));
            assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        }
    }

    @Test
    void unknownModeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelsProvider.choose("gpu"));
        assertTrue(e.getMessage().contains("auto, scalar, vector"), e.getMessage());
    }
}
