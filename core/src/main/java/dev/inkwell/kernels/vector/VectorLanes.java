package dev.inkwell.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The vector species and the constants every vector kernel shares. */
final class VectorLanes {
    /** The widest float species of this CPU; one throughout (mixing sizes makes the API's code megamorphic). */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats in one vector. */
    static final int L = S.length();
    /** 0, 1, ..., L - 1: each lane's index, as floats. */
    static final FloatVector LANE_INDEX = FloatVector.fromArray(S, laneIndex(), 0);
    static final FloatVector ZERO = FloatVector.zero(S);

    private VectorLanes() {
    }

    private static float[] laneIndex() {
        float[] c = new float[L];
        for (int i = 0; i < L; i++) {
            c[i] = i;
        }
        return c;
    }
}
