package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Checks;
import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.PoolKernels;
import dev.inkwell.kernels.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Kernels on the JDK's Vector API ({@code jdk.incubator.vector}) with fused multiply-add, using the
 * widest float species of the CPU. Loaded reflectively by {@code KernelsProvider} only when the module
 * is present, so no other class needs the module. Each loop mirrors its twin in
 * {@code ScalarKernels}; tails use {@link Math#fma} so a tail element is computed exactly like a
 * vector lane.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * A packed strip's row: four vectors. Indices step by this one constant: the JIT does not see
     * p * 4 * L (two shifts) as linear in p, and kept that index's bounds checks in the loop.
     */
    private static final int QUAD = 4 * L;
    /** A packed pair strip's row: two vectors. */
    private static final int PAIR = 2 * L;
    /** 0, 1, ..., L - 1: each lane's index, as floats. */
    private static final FloatVector LANE_INDEX = FloatVector.fromArray(S, laneIndex(), 0);
    private static final FloatVector ZERO = FloatVector.zero(S);
    /** Lanes 0, 2, ..., L - 2 first: a row pair's windows. */
    private static final VectorShuffle<Float> EVENS_FIRST = VectorShuffle.fromOp(S, i -> 2 * i % L);
    /**
     * 2^23: a float in [2^23, 2^24) holds the integer part in its low mantissa bits, so an integral
     * position p < 2^23 becomes an int by adding this, reading the bits and subtracting this one's bits.
     */
    private static final float EXACT_POSITIONS = 1 << 23;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /**
     * Cache blocking of A·B (chosen by measurement on Zen 5): k is taken KC at a time and A MC rows at a
     * time, so that a block of A (MC x KC, 144 KB) sits in L2 while a packed strip of B passes over it
     * from L1 and L2 (KC x 4 vectors, 96 KB at AVX-512; KC = 192, a strip that fits L1, made NetS's
     * training step 4% slower). Splitting k keeps p ascending for every element of C, so the results do
     * not change.
     */
    private static final int KC = 384;
    private static final int MC = 96;

    @Override
    public String name() {
        return "vector (" + L + " x float32)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        Checks.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (transB) {
            gemmDot(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            int rowStride = transA ? 1 : lda;
            int colStride = transA ? lda : 1;
            gemmAxpy(m, n, k, a, aOff, rowStride, colStride, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * C(i, :) (+)= Σp A(i, p)·B(p, :). Register block: 6 rows of C x 4 vectors of columns (24
     * accumulators), so each B vector loaded feeds six FMAs and each broadcast A value four; then 6 x 2
     * and 6 x 1 vectors; then the last n mod L columns from a zero-padded copy of that strip of B, so
     * that every load is a full vector (masked loads and stores are slow on JDK 17). k is taken
     * {@link #KC} at a time and A {@link #MC} rows at a time, B's strips packed, a transposed A's blocks
     * copied column by column. The last m mod 6 rows are copied out, zero-padded to six rows, and go
     * through the same kernels (narrower kernels for them, indexed with variable strides, were compiled
     * slowly in some processes). Every element of C is accumulated in the same order (p ascending, one
     * FMA per step) whichever block computes it.
     */
    private static void gemmAxpy(int m, int n, int k, float[] a, int aOff, int rowStride, int colStride,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        Scratch s = SCRATCH.get();
        int mFull = m - m % 6;
        if (mFull < m) {
            int rest = m - mFull;
            float[] aRows = s.lastRowsOfA(a, aOff + mFull * rowStride, rowStride, colStride, k, rest);
            float[] cRows = s.lastRowsOfC(c, cOff + mFull * ldc, ldc, n, rest, accumulate);
            gemmAxpy(6, n, k, aRows, 0, k, 1, b, bOff, ldb, cRows, 0, n, accumulate);
            for (int r = 0; r < rest; r++) {
                System.arraycopy(cRows, r * n, c, cOff + (mFull + r) * ldc, n);
            }
            if (mFull == 0) {
                return;
            }
        }
        if (k == 0 && !accumulate) {
            zeroRows(c, cOff, ldc, n, 0, mFull);
        }
        int nFull = n - n % L;
        float[] strip = nFull < n ? s.strip(b, bOff, ldb, k, nFull, n) : null;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            int ap = aOff + p0 * colStride, bp = bOff + p0 * ldb;
            // B's full-width strips are packed: kc x 4L (then one kc x 2L) contiguous floats each, so that
            // a strip is a few pages instead of kc rows ldb apart (one TLB entry per row), and stays in L1
            // while an A block of MC rows, held in L2, passes under it
            int quads = nFull / QUAD, pairs = nFull % QUAD / PAIR;
            int pairAt = quads * QUAD; // the column where the pair strip (if any) starts
            int singlesAt = pairAt + pairs * PAIR; // and where the single vectors start
            // B with rows exactly one 4L strip wide (a convolution's 64 channels) is already laid out packed
            boolean packedAlready = quads == 1 && pairs == 0 && ldb == QUAD;
            // the six-row kernels read B's strips with constant strides (which lets the JIT hoist their
            // bounds checks out of the loop), so the strips are always packed
            boolean pack = quads + pairs > 0 && !packedAlready;
            float[] packed = pack ? s.pack(b, bp, ldb, kc, quads, pairs) : b;
            int pairStart = pack ? quads * kc * QUAD : bp + pairAt;
            boolean zero = p0 == 0 && !accumulate;
            // a transposed A is read a column (six rows) at a time: its block is copied to rows of MC
            boolean columns = colStride != 1;
            for (int i0 = 0; i0 < mFull; i0 += MC) {
                int i1 = Math.min(mFull, i0 + MC);
                if (zero) {
                    zeroRows(c, cOff, ldc, n, i0, i1);
                }
                float[] block = columns ? s.columns(a, ap + i0, colStride, kc, i1 - i0) : a;
                for (int q = 0; q < quads; q++) {
                    int j = q * QUAD, at = pack ? q * kc * QUAD : bp + j;
                    for (int i = i0; i < i1; i += 6) {
                        int ci = cOff + i * ldc + j;
                        if (columns) {
                            sixColumnsFourVectors(kc, block, i - i0, packed, at, c, ci, ldc);
                        } else {
                            sixRowsFourVectors(kc, a, ap + i * rowStride, rowStride, packed, at, c, ci, ldc);
                        }
                    }
                }
                for (int i = i0; pairs > 0 && i < i1; i += 6) {
                    int ci = cOff + i * ldc + pairAt;
                    if (columns) { // rare (n mod 4L in [2L, 3L) with A transposed): the general kernel
                        sixRowsOneVector(kc, block, i - i0, 1, MC, packed, pairStart, PAIR, c, ci, ldc, L, s.c);
                        sixRowsOneVector(kc, block, i - i0, 1, MC, packed, pairStart + L, PAIR, c, ci + L, ldc, L, s.c);
                    } else {
                        sixRowsTwoVectors(kc, a, ap + i * rowStride, rowStride, packed, pairStart, c, ci, ldc);
                    }
                }
                for (int j = singlesAt; j < nFull; j += L) {
                    for (int i = i0; i < i1; i += 6) {
                        sixRowsOneVector(kc, a, ap + i * rowStride, rowStride, colStride, b, bp + j, ldb, c,
                                cOff + i * ldc + j, ldc, L, s.c);
                    }
                }
                for (int i = i0; strip != null && i < i1; i += 6) {
                    sixRowsOneVector(kc, a, ap + i * rowStride, rowStride, colStride, strip, p0 * L, L, c,
                            cOff + i * ldc + nFull, ldc, n - nFull, s.c);
                }
            }
        }
    }

    /**
     * Zeroes rows [from, to) of C just before their first block is computed, so that their loads hit
     * the cache (zeroing all of a 2 MB C at the start made its loads go to memory).
     */
    private static void zeroRows(float[] c, int cOff, int ldc, int n, int from, int to) {
        for (int i = from; i < to; i++) {
            Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
    }

    /**
     * Six rows x four vectors of C at cj: 24 accumulators, four B vectors and a broadcast, 29 of 32
     * registers. A's rows are rs apart, B a packed strip (rows {@link #QUAD} apart). Both indices step by
     * a constant, so the JIT hoists their bounds checks out of the loop. With checks left in the loop
     * (variable steps), the JIT compiled it in one of two ways, drawn afresh in each process; one in two
     * kept the B vectors on the stack and ran at a third of the speed (NetS conv2, one image: 85 µs
     * instead of 26). A transposed A gets the constant step through {@link #sixColumnsFourVectors}: one
     * kernel for both, with the step as a parameter, brought the slow compilations back.
     */
    private static void sixRowsFourVectors(int k, float[] a, int a0, int rs, float[] b, int b0, float[] c, int cj,
                                           int ldc) {
        int r1 = cj + ldc, r2 = cj + 2 * ldc, r3 = cj + 3 * ldc, r4 = cj + 4 * ldc, r5 = cj + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, cj), c01 = FloatVector.fromArray(S, c, cj + L);
        FloatVector c02 = FloatVector.fromArray(S, c, cj + 2 * L), c03 = FloatVector.fromArray(S, c, cj + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + L);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + 2 * L), c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + L);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + 2 * L), c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + L);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + 2 * L), c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, r4), c41 = FloatVector.fromArray(S, c, r4 + L);
        FloatVector c42 = FloatVector.fromArray(S, c, r4 + 2 * L), c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, r5), c51 = FloatVector.fromArray(S, c, r5 + L);
        FloatVector c52 = FloatVector.fromArray(S, c, r5 + 2 * L), c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
        for (int p = 0; p < k; p++) {
            int bp = b0 + p * QUAD;
            FloatVector b0v = FloatVector.fromArray(S, b, bp), b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bp + 2 * L), b3v = FloatVector.fromArray(S, b, bp + 3 * L);
            int ap = a0 + p;
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = b0v.fma(x, c00);
            c01 = b1v.fma(x, c01);
            c02 = b2v.fma(x, c02);
            c03 = b3v.fma(x, c03);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0v.fma(x, c10);
            c11 = b1v.fma(x, c11);
            c12 = b2v.fma(x, c12);
            c13 = b3v.fma(x, c13);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0v.fma(x, c20);
            c21 = b1v.fma(x, c21);
            c22 = b2v.fma(x, c22);
            c23 = b3v.fma(x, c23);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0v.fma(x, c30);
            c31 = b1v.fma(x, c31);
            c32 = b2v.fma(x, c32);
            c33 = b3v.fma(x, c33);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c40 = b0v.fma(x, c40);
            c41 = b1v.fma(x, c41);
            c42 = b2v.fma(x, c42);
            c43 = b3v.fma(x, c43);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c50 = b0v.fma(x, c50);
            c51 = b1v.fma(x, c51);
            c52 = b2v.fma(x, c52);
            c53 = b3v.fma(x, c53);
        }
        c00.intoArray(c, cj);
        c01.intoArray(c, cj + L);
        c02.intoArray(c, cj + 2 * L);
        c03.intoArray(c, cj + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c43.intoArray(c, r4 + 3 * L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c53.intoArray(c, r5 + 3 * L);
    }

    /** {@link #sixRowsFourVectors} for A's columns: A(i, p) at a0 + p·MC + i, a block copied by Scratch. */
    private static void sixColumnsFourVectors(int k, float[] a, int a0, float[] b, int b0, float[] c, int cj, int ldc) {
        int r1 = cj + ldc, r2 = cj + 2 * ldc, r3 = cj + 3 * ldc, r4 = cj + 4 * ldc, r5 = cj + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, cj), c01 = FloatVector.fromArray(S, c, cj + L);
        FloatVector c02 = FloatVector.fromArray(S, c, cj + 2 * L), c03 = FloatVector.fromArray(S, c, cj + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + L);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + 2 * L), c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + L);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + 2 * L), c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + L);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + 2 * L), c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, r4), c41 = FloatVector.fromArray(S, c, r4 + L);
        FloatVector c42 = FloatVector.fromArray(S, c, r4 + 2 * L), c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, r5), c51 = FloatVector.fromArray(S, c, r5 + L);
        FloatVector c52 = FloatVector.fromArray(S, c, r5 + 2 * L), c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
        for (int p = 0; p < k; p++) {
            int bp = b0 + p * QUAD;
            FloatVector b0v = FloatVector.fromArray(S, b, bp), b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bp + 2 * L), b3v = FloatVector.fromArray(S, b, bp + 3 * L);
            int ap = a0 + p * MC;
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = b0v.fma(x, c00);
            c01 = b1v.fma(x, c01);
            c02 = b2v.fma(x, c02);
            c03 = b3v.fma(x, c03);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0v.fma(x, c10);
            c11 = b1v.fma(x, c11);
            c12 = b2v.fma(x, c12);
            c13 = b3v.fma(x, c13);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0v.fma(x, c20);
            c21 = b1v.fma(x, c21);
            c22 = b2v.fma(x, c22);
            c23 = b3v.fma(x, c23);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0v.fma(x, c30);
            c31 = b1v.fma(x, c31);
            c32 = b2v.fma(x, c32);
            c33 = b3v.fma(x, c33);
            x = FloatVector.broadcast(S, a[ap + 4]);
            c40 = b0v.fma(x, c40);
            c41 = b1v.fma(x, c41);
            c42 = b2v.fma(x, c42);
            c43 = b3v.fma(x, c43);
            x = FloatVector.broadcast(S, a[ap + 5]);
            c50 = b0v.fma(x, c50);
            c51 = b1v.fma(x, c51);
            c52 = b2v.fma(x, c52);
            c53 = b3v.fma(x, c53);
        }
        c00.intoArray(c, cj);
        c01.intoArray(c, cj + L);
        c02.intoArray(c, cj + 2 * L);
        c03.intoArray(c, cj + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c43.intoArray(c, r4 + 3 * L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c53.intoArray(c, r5 + 3 * L);
    }

    /** Six rows x two vectors of C at cj, B a packed strip two vectors wide; constant steps as in the 6 x 4. */
    private static void sixRowsTwoVectors(int k, float[] a, int a0, int rs, float[] b, int b0, float[] c, int cj,
                                          int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, cj), c01 = FloatVector.fromArray(S, c, cj + L);
        FloatVector c10 = FloatVector.fromArray(S, c, cj + ldc), c11 = FloatVector.fromArray(S, c, cj + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, cj + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, cj + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, cj + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, cj + 3 * ldc + L);
        FloatVector c40 = FloatVector.fromArray(S, c, cj + 4 * ldc);
        FloatVector c41 = FloatVector.fromArray(S, c, cj + 4 * ldc + L);
        FloatVector c50 = FloatVector.fromArray(S, c, cj + 5 * ldc);
        FloatVector c51 = FloatVector.fromArray(S, c, cj + 5 * ldc + L);
        for (int p = 0; p < k; p++) {
            int bp = b0 + p * PAIR;
            FloatVector b0v = FloatVector.fromArray(S, b, bp), b1v = FloatVector.fromArray(S, b, bp + L);
            int ap = a0 + p;
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = b0v.fma(x, c00);
            c01 = b1v.fma(x, c01);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0v.fma(x, c10);
            c11 = b1v.fma(x, c11);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0v.fma(x, c20);
            c21 = b1v.fma(x, c21);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0v.fma(x, c30);
            c31 = b1v.fma(x, c31);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c40 = b0v.fma(x, c40);
            c41 = b1v.fma(x, c41);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c50 = b0v.fma(x, c50);
            c51 = b1v.fma(x, c51);
        }
        c00.intoArray(c, cj);
        c01.intoArray(c, cj + L);
        c10.intoArray(c, cj + ldc);
        c11.intoArray(c, cj + ldc + L);
        c20.intoArray(c, cj + 2 * ldc);
        c21.intoArray(c, cj + 2 * ldc + L);
        c30.intoArray(c, cj + 3 * ldc);
        c31.intoArray(c, cj + 3 * ldc + L);
        c40.intoArray(c, cj + 4 * ldc);
        c41.intoArray(c, cj + 4 * ldc + L);
        c50.intoArray(c, cj + 5 * ldc);
        c51.intoArray(c, cj + 5 * ldc + L);
    }

    /**
     * Six rows x one vector of C at cj, {@code width} (≤ L) columns of it real. A partial vector of C
     * goes through {@code stage}: its lanes past the width may belong to other rows, even another
     * thread's.
     */
    private static void sixRowsOneVector(int k, float[] a, int a0, int rs, int cs, float[] b, int b0, int ldb,
                                         float[] c, int cj, int ldc, int width, float[] stage) {
        float[] cc = c;
        int base = cj, stride = ldc;
        if (width < L) {
            for (int r = 0; r < 6; r++) {
                System.arraycopy(c, cj + r * ldc, stage, r * L, width);
            }
            cc = stage;
            base = 0;
            stride = L;
        }
        FloatVector c0 = FloatVector.fromArray(S, cc, base);
        FloatVector c1 = FloatVector.fromArray(S, cc, base + stride);
        FloatVector c2 = FloatVector.fromArray(S, cc, base + 2 * stride);
        FloatVector c3 = FloatVector.fromArray(S, cc, base + 3 * stride);
        FloatVector c4 = FloatVector.fromArray(S, cc, base + 4 * stride);
        FloatVector c5 = FloatVector.fromArray(S, cc, base + 5 * stride);
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, b0 + p * ldb);
            int ap = a0 + p * cs;
            c0 = bv.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = bv.fma(FloatVector.broadcast(S, a[ap + rs]), c1);
            c2 = bv.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), c2);
            c3 = bv.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), c3);
            c4 = bv.fma(FloatVector.broadcast(S, a[ap + 4 * rs]), c4);
            c5 = bv.fma(FloatVector.broadcast(S, a[ap + 5 * rs]), c5);
        }
        c0.intoArray(cc, base);
        c1.intoArray(cc, base + stride);
        c2.intoArray(cc, base + 2 * stride);
        c3.intoArray(cc, base + 3 * stride);
        c4.intoArray(cc, base + 4 * stride);
        c5.intoArray(cc, base + 5 * stride);
        if (width < L) {
            for (int r = 0; r < 6; r++) {
                System.arraycopy(stage, r * L, c, cj + r * ldc, width);
            }
        }
    }

    private static float[] laneIndex() {
        float[] c = new float[L];
        for (int i = 0; i < L; i++) {
            c[i] = i;
        }
        return c;
    }

    /** Per-thread buffers: a zero-padded copy of B's last partial strip, and staging for partial rows of C. */
    private static final class Scratch {
        float[] strip = new float[0];
        float[] packed = new float[0];
        final float[] columns = new float[KC * MC];
        final float[] c = new float[6 * L];
        private float[] lastA = new float[0];
        private float[] lastC = new float[0];

        /** A's last {@code rows} (fewer than six) rows as six rows of k floats; the missing ones zero. */
        float[] lastRowsOfA(float[] a, int aOff, int rowStride, int colStride, int k, int rows) {
            if (lastA.length < 6 * k) {
                lastA = new float[6 * k];
            }
            for (int r = 0; r < rows; r++) {
                for (int p = 0; p < k; p++) {
                    lastA[r * k + p] = a[aOff + r * rowStride + p * colStride];
                }
            }
            Arrays.fill(lastA, rows * k, 6 * k, 0f);
            return lastA;
        }

        /**
         * C's last {@code rows} rows as six rows of n floats, copied when the product accumulates into them;
         * the rows past them are scratch whose results are dropped.
         */
        float[] lastRowsOfC(float[] c, int cOff, int ldc, int n, int rows, boolean accumulate) {
            if (lastC.length < 6 * n) {
                lastC = new float[6 * n];
            }
            for (int r = 0; accumulate && r < rows; r++) {
                System.arraycopy(c, cOff + r * ldc, lastC, r * n, n);
            }
            return lastC;
        }

        /**
         * Rows [0, kc) of B's first {@code quads} column strips 4L wide, one strip after another, then
         * of {@code pairs} (0 or 1) strip 2L wide.
         */
        float[] pack(float[] b, int bOff, int ldb, int kc, int quads, int pairs) {
            int size = kc * (quads * QUAD + pairs * PAIR);
            if (packed.length < size) {
                packed = new float[size];
            }
            for (int q = 0; q < quads; q++) {
                copyStrip(b, bOff + q * QUAD, ldb, kc, QUAD, q * kc * QUAD);
            }
            if (pairs > 0) {
                copyStrip(b, bOff + quads * QUAD, ldb, kc, PAIR, quads * kc * QUAD);
            }
            return packed;
        }

        private void copyStrip(float[] b, int bOff, int ldb, int kc, int width, int to) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + p * ldb, packed, to + p * width, width);
            }
        }

        /**
         * {@code rows} rows of a transposed A from column aOff on, for kc steps lda apart, as kc rows of
         * {@link #MC} floats: column p of the block starts at p·MC.
         */
        float[] columns(float[] a, int aOff, int lda, int kc, int rows) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(a, aOff + p * lda, columns, p * MC, rows);
            }
            return columns;
        }

        /** Columns [from, n) of the k rows of B, each row padded with zeros to one vector. */
        float[] strip(float[] b, int bOff, int ldb, int k, int from, int n) {
            if (strip.length < k * L) {
                strip = new float[k * L];
            }
            int w = n - from;
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * ldb + from, strip, p * L, w);
                Arrays.fill(strip, p * L + w, (p + 1) * L, 0f);
            }
            return strip;
        }
    }

    /**
     * C(i, j) (+)= A(i, :)·B(j, :) where B is stored n x k. Four rows of A at a time share each vector
     * loaded from a row of B (a large B, such as a fully connected layer's weights, is then streamed
     * from memory a quarter as often); each element is still one {@link #dotUnchecked} sequence.
     */
    private static void gemmDot(int m, int n, int k, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * lda, c0 = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                int kVec = k - k % L;
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kVec; p += L) {
                    FloatVector bv = FloatVector.fromArray(S, b, bj + p);
                    s0 = FloatVector.fromArray(S, a, a0 + p).fma(bv, s0);
                    s1 = FloatVector.fromArray(S, a, a0 + lda + p).fma(bv, s1);
                    s2 = FloatVector.fromArray(S, a, a0 + 2 * lda + p).fma(bv, s2);
                    s3 = FloatVector.fromArray(S, a, a0 + 3 * lda + p).fma(bv, s3);
                }
                store(c, c0 + j, finishDot(s0, a, a0, b, bj, kVec, k), accumulate);
                store(c, c0 + ldc + j, finishDot(s1, a, a0 + lda, b, bj, kVec, k), accumulate);
                store(c, c0 + 2 * ldc + j, finishDot(s2, a, a0 + 2 * lda, b, bj, kVec, k), accumulate);
                store(c, c0 + 3 * ldc + j, finishDot(s3, a, a0 + 3 * lda, b, bj, kVec, k), accumulate);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                store(c, ci + j, dotUnchecked(a, ai, b, bOff + j * ldb, k), accumulate);
            }
        }
    }

    private static void store(float[] c, int at, float s, boolean accumulate) {
        c[at] = accumulate ? c[at] + s : s;
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("dot x", x, xOff, n);
        Checks.range("dot y", y, yOff, n);
        return dotUnchecked(x, xOff, y, yOff, n);
    }

    private static float dotUnchecked(float[] x, int xOff, float[] y, int yOff, int n) {
        int nVec = n - n % L;
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        return finishDot(acc, x, xOff, y, yOff, nVec, n);
    }

    /** Adds the lanes of a dot product's vector accumulator, then its scalar tail [from, n), in order. */
    private static float finishDot(FloatVector acc, float[] x, int xOff, float[] y, int yOff, int from, int n) {
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = from; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("axpy x", x, xOff, n);
        Checks.range("axpy y", y, yOff, n);
        int nVec = n - n % L;
        for (int i = 0; i < nVec; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (int i = nVec; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    /**
     * Whole vectors, the last one ending at the row's end and overlapping the one before: System.arraycopy
     * costs a stub call per row, which dominated copying NetS conv1's 26-float rows (3.5 µs an image).
     */
    @Override
    public void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                         int width) {
        Checks.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, width);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * srcStride, d = dstOff + r * dstStride;
            if (width < L) {
                System.arraycopy(src, s, dst, d, width);
                continue;
            }
            for (int j = 0; j < width - L; j += L) {
                FloatVector.fromArray(S, src, s + j).intoArray(dst, d + j);
            }
            FloatVector.fromArray(S, src, s + width - L).intoArray(dst, d + width - L);
        }
    }

    /**
     * Each output row is covered by whole vectors, the last one overlapping the one before when the
     * width is not a multiple of L (its lanes recomputed, bit for bit the same), so outputs go straight
     * to their dense rows with no wide copy to trim. Four channels x four such vectors at a time
     * (16 accumulators): each shifted vector of x loaded feeds four FMAs, one per channel, so that the
     * loads (most of them unaligned) no longer outnumber the FMAs. Every output is bias + Σ_t w[t]·x,
     * one FMA per tap in tap order, whichever block computes it. Rows narrower than L: the scalar kernel.
     * This method holds no vector code itself: after other networks had run in the JVM, a small vector
     * loop inlined here ran boxed, allocating 200 MB per NetS training step (ZeroAllocationTest).
     */
    @Override
    public void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias,
                            int biasOff, int channels, float[] out, int outOff, int rows, int width) {
        Checks.shiftedSums(x, xOff, xStride, shifts, w, wOff, bias, biasOff, channels, out, outOff, rows, width);
        if (width < L) {
            ScalarKernels.INSTANCE.shiftedSums(x, xOff, xStride, shifts, w, wOff, bias, biasOff, channels, out, outOff,
                    rows, width);
            return;
        }
        int perRow = (width + L - 1) / L, count = rows * perRow;
        int taps = shifts.length, plane = rows * width, c = 0;
        for (; c + 4 <= channels; c += 4) {
            int s = 0;
            for (; s + 4 <= count; s += 4) {
                fourChannelsFourVectors(x, xOff, xStride, shifts, w, wOff + c * taps, bias, biasOff + c, out,
                        outOff + c * plane, plane, perRow, width, s);
            }
            for (int ch = c; ch < c + 4; ch++) {
                oneChannelSums(x, xOff, xStride, shifts, w, wOff + ch * taps, biasOf(bias, biasOff + ch), out,
                        outOff + ch * plane, perRow, width, s, count);
            }
        }
        for (; c < channels; c++) {
            oneChannelSums(x, xOff, xStride, shifts, w, wOff + c * taps, biasOf(bias, biasOff + c), out,
                    outOff + c * plane, perRow, width, 0, count);
        }
    }

    /*
     * The vectors that cover a (rows, width) output: per row, vectors at 0, L, 2L, ... and the last at
     * width - L, perRow = ⌈width / L⌉ of them; row vector s's offset in the dense output and in x (rows
     * xStride apart).
     */
    private static int start(int s, int perRow, int width) {
        return Math.min(s % perRow * L, width - L);
    }

    private static int outAt(int s, int perRow, int width) {
        return s / perRow * width + start(s, perRow, width);
    }

    private static int xAt(int s, int perRow, int width, int xStride) {
        return s / perRow * xStride + start(s, perRow, width);
    }

    private static float biasOf(float[] bias, int at) {
        return bias == null ? 0f : bias[at];
    }

    /** Row vectors [s, s + 4) of four channels, 16 accumulators; the channels' outputs {@code plane} apart from oc. */
    private static void fourChannelsFourVectors(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wc,
                                                float[] bias, int bc, float[] out, int oc, int plane, int perRow,
                                                int width, int s) {
        int taps = shifts.length;
        int x0 = xOff + xAt(s, perRow, width, xStride), x1 = xOff + xAt(s + 1, perRow, width, xStride);
        int x2 = xOff + xAt(s + 2, perRow, width, xStride), x3 = xOff + xAt(s + 3, perRow, width, xStride);
        FloatVector a00 = FloatVector.broadcast(S, biasOf(bias, bc)), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(S, biasOf(bias, bc + 1)), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(S, biasOf(bias, bc + 2)), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(S, biasOf(bias, bc + 3)), a31 = a30, a32 = a30, a33 = a30;
        for (int t = 0; t < taps; t++) {
            int sh = shifts[t];
            FloatVector y0 = FloatVector.fromArray(S, x, x0 + sh), y1 = FloatVector.fromArray(S, x, x1 + sh);
            FloatVector y2 = FloatVector.fromArray(S, x, x2 + sh), y3 = FloatVector.fromArray(S, x, x3 + sh);
            FloatVector wt = FloatVector.broadcast(S, w[wc + t]);
            a00 = wt.fma(y0, a00);
            a01 = wt.fma(y1, a01);
            a02 = wt.fma(y2, a02);
            a03 = wt.fma(y3, a03);
            wt = FloatVector.broadcast(S, w[wc + taps + t]);
            a10 = wt.fma(y0, a10);
            a11 = wt.fma(y1, a11);
            a12 = wt.fma(y2, a12);
            a13 = wt.fma(y3, a13);
            wt = FloatVector.broadcast(S, w[wc + 2 * taps + t]);
            a20 = wt.fma(y0, a20);
            a21 = wt.fma(y1, a21);
            a22 = wt.fma(y2, a22);
            a23 = wt.fma(y3, a23);
            wt = FloatVector.broadcast(S, w[wc + 3 * taps + t]);
            a30 = wt.fma(y0, a30);
            a31 = wt.fma(y1, a31);
            a32 = wt.fma(y2, a32);
            a33 = wt.fma(y3, a33);
        }
        int o0 = outAt(s, perRow, width), o1 = outAt(s + 1, perRow, width);
        int o2 = outAt(s + 2, perRow, width), o3 = outAt(s + 3, perRow, width);
        int c0 = oc;
        a00.intoArray(out, c0 + o0);
        a01.intoArray(out, c0 + o1);
        a02.intoArray(out, c0 + o2);
        a03.intoArray(out, c0 + o3);
        int c1 = oc + plane;
        a10.intoArray(out, c1 + o0);
        a11.intoArray(out, c1 + o1);
        a12.intoArray(out, c1 + o2);
        a13.intoArray(out, c1 + o3);
        int c2 = oc + 2 * plane;
        a20.intoArray(out, c2 + o0);
        a21.intoArray(out, c2 + o1);
        a22.intoArray(out, c2 + o2);
        a23.intoArray(out, c2 + o3);
        int c3 = oc + 3 * plane;
        a30.intoArray(out, c3 + o0);
        a31.intoArray(out, c3 + o1);
        a32.intoArray(out, c3 + o2);
        a33.intoArray(out, c3 + o3);
    }

    /** Row vectors [from, count) of one channel, whose outputs start at oc. */
    private static void oneChannelSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float bias,
                                       float[] out, int oc, int perRow, int width, int from, int count) {
        for (int s = from; s < count; s++) {
            int xs = xOff + xAt(s, perRow, width, xStride);
            FloatVector a = FloatVector.broadcast(S, bias);
            for (int t = 0; t < shifts.length; t++) {
                a = FloatVector.broadcast(S, w[wOff + t]).fma(FloatVector.fromArray(S, x, xs + shifts[t]), a);
            }
            a.intoArray(out, oc + outAt(s, perRow, width));
        }
    }

    /**
     * The row vectors of {@link #shiftedSums}, the repeated lanes of a row's last one zeroed in g so that
     * each product counts once. Four channels x three taps at a time (12 accumulators): each vector of x
     * loaded feeds four FMAs and each vector of g three. Every dot is one vector accumulator over the
     * row vectors in order, then its lanes, whichever block computes it. As in {@link #shiftedSums}, the
     * public method holds no vector code and each vector loop is flat: on JDK 17, vectors carried round
     * a nested loop, or in vector code inlined into the entry point, were boxed (a megabyte per call).
     */
    @Override
    public void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts,
                            float[] dots, int dotsOff, int rows, int width) {
        Checks.shiftedDots(g, gOff, channels, x, xOff, xStride, shifts, dots, dotsOff, rows, width);
        if (width < L) {
            ScalarKernels.INSTANCE.shiftedDots(g, gOff, channels, x, xOff, xStride, shifts, dots, dotsOff, rows,
                    width);
            return;
        }
        int taps = shifts.length, plane = rows * width, c = 0;
        for (; c + 4 <= channels; c += 4) {
            int t = 0;
            for (; t + 3 <= taps; t += 3) {
                fourChannelsThreeTaps(g, gOff + c * plane, plane, x, xOff, xStride, shifts, t, dots,
                        dotsOff + c * taps + t, taps, rows, width);
            }
            for (int ch = c; ch < c + 4; ch++) {
                oneChannelDots(g, gOff + ch * plane, x, xOff, xStride, shifts, t, dots, dotsOff + ch * taps, rows,
                        width);
            }
        }
        for (; c < channels; c++) {
            oneChannelDots(g, gOff + c * plane, x, xOff, xStride, shifts, 0, dots, dotsOff + c * taps, rows, width);
        }
    }

    /** Taps [from, T) of one channel whose g rows start at gc, each its own Σ g·x over the row vectors. */
    private static void oneChannelDots(float[] g, int gc, float[] x, int xOff, int xStride, int[] shifts, int from,
                                       float[] dots, int dc, int rows, int width) {
        int count = rows * ((width + L - 1) / L);
        for (int t = from; t < shifts.length; t++) {
            FloatVector acc = FloatVector.zero(S);
            for (int s = 0, r = 0, j = 0; s < count; s++, j += L) {
                if (j >= width) {
                    r++;
                    j = 0;
                }
                int at = Math.min(j, width - L);
                VectorMask<Float> fresh = LANE_INDEX.compare(VectorOperators.GE, (float) (j - at));
                FloatVector gv = ZERO.blend(FloatVector.fromArray(S, g, gc + r * width + at), fresh);
                acc = gv.fma(FloatVector.fromArray(S, x, xOff + shifts[t] + r * xStride + at), acc);
            }
            dots[dc + t] += acc.reduceLanes(VectorOperators.ADD);
        }
    }

    /** Taps [t, t + 3) of four channels whose g planes start at gc; their dots at dc, channels {@code taps} apart. */
    private static void fourChannelsThreeTaps(float[] g, int gc, int plane, float[] x, int xOff, int xStride,
                                              int[] shifts, int t, float[] dots, int dc, int taps, int rows,
                                              int width) {
        int x0 = xOff + shifts[t], x1 = xOff + shifts[t + 1], x2 = xOff + shifts[t + 2];
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00;
        FloatVector a10 = FloatVector.zero(S), a11 = a10, a12 = a10;
        FloatVector a20 = FloatVector.zero(S), a21 = a20, a22 = a20;
        FloatVector a30 = FloatVector.zero(S), a31 = a30, a32 = a30;
        // one flat loop over the row vectors: vectors carried round a nested loop get boxed on JDK 17
        int perRow = (width + L - 1) / L, count = rows * perRow;
        for (int s = 0, r = 0, j = 0; s < count; s++, j += L) {
            if (j >= width) {
                r++;
                j = 0;
            }
            int at = Math.min(j, width - L), xs = r * xStride + at, gs = gc + r * width + at;
            VectorMask<Float> fresh = LANE_INDEX.compare(VectorOperators.GE, (float) (j - at));
            FloatVector y0 = FloatVector.fromArray(S, x, x0 + xs), y1 = FloatVector.fromArray(S, x, x1 + xs);
            FloatVector y2 = FloatVector.fromArray(S, x, x2 + xs);
            FloatVector gv = ZERO.blend(FloatVector.fromArray(S, g, gs), fresh);
            a00 = gv.fma(y0, a00);
            a01 = gv.fma(y1, a01);
            a02 = gv.fma(y2, a02);
            gv = ZERO.blend(FloatVector.fromArray(S, g, gs + plane), fresh);
            a10 = gv.fma(y0, a10);
            a11 = gv.fma(y1, a11);
            a12 = gv.fma(y2, a12);
            gv = ZERO.blend(FloatVector.fromArray(S, g, gs + 2 * plane), fresh);
            a20 = gv.fma(y0, a20);
            a21 = gv.fma(y1, a21);
            a22 = gv.fma(y2, a22);
            gv = ZERO.blend(FloatVector.fromArray(S, g, gs + 3 * plane), fresh);
            a30 = gv.fma(y0, a30);
            a31 = gv.fma(y1, a31);
            a32 = gv.fma(y2, a32);
        }
        dots[dc] += a00.reduceLanes(VectorOperators.ADD);
        dots[dc + 1] += a01.reduceLanes(VectorOperators.ADD);
        dots[dc + 2] += a02.reduceLanes(VectorOperators.ADD);
        dots[dc + taps] += a10.reduceLanes(VectorOperators.ADD);
        dots[dc + taps + 1] += a11.reduceLanes(VectorOperators.ADD);
        dots[dc + taps + 2] += a12.reduceLanes(VectorOperators.ADD);
        dots[dc + 2 * taps] += a20.reduceLanes(VectorOperators.ADD);
        dots[dc + 2 * taps + 1] += a21.reduceLanes(VectorOperators.ADD);
        dots[dc + 2 * taps + 2] += a22.reduceLanes(VectorOperators.ADD);
        dots[dc + 3 * taps] += a30.reduceLanes(VectorOperators.ADD);
        dots[dc + 3 * taps + 1] += a31.reduceLanes(VectorOperators.ADD);
        dots[dc + 3 * taps + 2] += a32.reduceLanes(VectorOperators.ADD);
    }

    /**
     * A vector of columns of a row pair at a time, every lane a window's corner: the neighbours come
     * from loads one column and one row on, and the winner of each pair, then of the two rows, from
     * comparisons and blends instead of branches (which of four activations wins is a coin toss,
     * mispredicted half the time). A shuffle moves the even lanes, the windows, to the front, and the
     * whole vector is stored: the lanes past the block's windows are overwritten by the next block, so
     * only a block whose store would pass the call's output goes one window at a time. Positions are
     * computed as floats and turned into ints through the float bits of position + 2^23. A block may
     * run past its row (a row of 13 windows takes two blocks); lanes past it read the next rows and are
     * dropped. A block holding a NaN, or that would read past the array, also goes one window at a time.
     * Without argmax the maxima alone are Math.max's, NaN included. One species throughout: mixing
     * vector sizes in one JVM turns the Vector API's shared code megamorphic and ten times slower.
     */
    @Override
    public void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax,
                           int argOff) {
        if ((long) h * w > EXACT_POSITIONS) {
            PoolKernels.max2x2(x, xOff, planes, h, w, out, outOff, argmax, argOff);
            return;
        }
        int oh = h / 2, ow = w / 2, total = planes * oh * ow;
        for (int pl = 0; pl < planes; pl++) {
            int in = xOff + pl * h * w;
            int o = pl * oh * ow; // this call's window index
            for (int y = 0; y < oh; y++) {
                int r0 = 2 * y * w;
                for (int j = 0; j < 2 * ow; j += L) {
                    int at = in + r0 + j, windows = Math.min(L, 2 * ow - j) / 2;
                    if (at + w + 1 + L > x.length || o + L > total) {
                        scalarWindows(x, in, r0 + j, w, windows, out, outOff + o, argmax, argOff + o);
                    } else {
                        vectorWindows(x, in, r0 + j, w, windows, out, outOff + o, argmax, argOff + o);
                    }
                    o += windows;
                }
            }
        }
    }

    /** One block of {@link #maxPool2x2}: its windows, the first with its corner at p0 of the plane at in. */
    private static void vectorWindows(float[] x, int in, int p0, int w, int windows, float[] out, int o, int[] argmax,
                                      int ao) {
        int at = in + p0;
        FloatVector a = FloatVector.fromArray(S, x, at), b = FloatVector.fromArray(S, x, at + 1);
        FloatVector c = FloatVector.fromArray(S, x, at + w), d = FloatVector.fromArray(S, x, at + w + 1);
        if (argmax == null) {
            a.max(b).max(c.max(d)).rearrange(EVENS_FIRST).intoArray(out, o);
        } else if (hasNaN(a.add(b).add(c.add(d)))) { // inf - inf lands here too: still right
            scalarWindows(x, in, p0, w, windows, out, o, argmax, ao);
        } else {
            VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
            VectorMask<Float> dWins = d.compare(VectorOperators.GT, c);
            FloatVector top = a.blend(b, bWins), bottom = c.blend(d, dWins);
            VectorMask<Float> bottomWins = bottom.compare(VectorOperators.GT, top);
            top.blend(bottom, bottomWins).rearrange(EVENS_FIRST).intoArray(out, o);
            FloatVector offset = FloatVector.zero(S).blend(1f, bWins)
                    .blend(FloatVector.broadcast(S, w).blend(w + 1f, dWins), bottomWins);
            offset.add(LANE_INDEX).add(p0 + EXACT_POSITIONS).rearrange(EVENS_FIRST)
                    .viewAsIntegralLanes().sub(Float.floatToRawIntBits(EXACT_POSITIONS)).intoArray(argmax, ao);
        }
    }

    /**
     * The channels-last form: each window's four pixels are four loads of L channels side by side, and
     * their maxima and argmax are stored as they are (no lanes to gather). Winner, NaN and ±0 rules as
     * {@link #maxPool2x2}; channels past the last whole vector go one window at a time.
     */
    @Override
    public void maxPool2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff,
                                       int[] argmax, int argOff) {
        int oh = h / 2, ow = w / 2, cFull = (long) h * w > EXACT_POSITIONS ? 0 : channels - channels % L;
        for (int o = 0; o < oh * ow; o++) {
            int p0 = 2 * (o / ow) * w + 2 * (o % ow);
            for (int c = 0; c < cFull; c += L) {
                int at = o * channels + c;
                channelWindows(x, xOff + c, p0, w, channels, out, outOff + at, argmax, argOff + at);
            }
            for (int c = cFull; c < channels; c++) {
                int at = o * channels + c;
                PoolKernels.max2x2Window(x, xOff + c, p0, w, channels, out, outOff + at, argmax, argOff + at);
            }
        }
    }

    /** L channels of one {@link #maxPool2x2ChannelsLast} window, its corner at position p0 of the image at in. */
    private static void channelWindows(float[] x, int in, int p0, int w, int channels, float[] out, int o,
                                       int[] argmax, int ao) {
        FloatVector a = FloatVector.fromArray(S, x, in + p0 * channels);
        FloatVector b = FloatVector.fromArray(S, x, in + (p0 + 1) * channels);
        FloatVector c = FloatVector.fromArray(S, x, in + (p0 + w) * channels);
        FloatVector d = FloatVector.fromArray(S, x, in + (p0 + w + 1) * channels);
        if (argmax == null) {
            a.max(b).max(c.max(d)).intoArray(out, o);
        } else if (hasNaN(a.add(b).add(c.add(d)))) {
            for (int k = 0; k < L; k++) {
                PoolKernels.max2x2Window(x, in + k, p0, w, channels, out, o + k, argmax, ao + k);
            }
        } else {
            VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
            VectorMask<Float> dWins = d.compare(VectorOperators.GT, c);
            FloatVector top = a.blend(b, bWins), bottom = c.blend(d, dWins);
            VectorMask<Float> bottomWins = bottom.compare(VectorOperators.GT, top);
            top.blend(bottom, bottomWins).intoArray(out, o);
            FloatVector offset = FloatVector.zero(S).blend(1f, bWins)
                    .blend(FloatVector.broadcast(S, w).blend(w + 1f, dWins), bottomWins);
            offset.add(p0 + EXACT_POSITIONS).viewAsIntegralLanes().sub(Float.floatToRawIntBits(EXACT_POSITIONS))
                    .intoArray(argmax, ao);
        }
    }

    private static boolean hasNaN(FloatVector v) {
        return v.compare(VectorOperators.NE, v).anyTrue();
    }

    private static void scalarWindows(float[] x, int in, int p0, int w, int windows, float[] out, int o, int[] argmax,
                                      int ao) {
        for (int k = 0; k < windows; k++) {
            PoolKernels.max2x2Window(x, in, p0 + 2 * k, w, 1, out, o + k, argmax, ao + k);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        Checks.range("sum", x, off, n);
        int nVec = n - n % L;
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, off + i));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = nVec; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("relu x", x, xOff, n);
        Checks.range("relu y", y, yOff, n);
        int nVec = n - n % L;
        for (int i = 0; i < nVec; i += L) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        for (int i = nVec; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        Checks.range("reluBackward x", x, xOff, n);
        Checks.range("reluBackward gy", gy, gyOff, n);
        Checks.range("reluBackward gx", gx, gxOff, n);
        int nVec = n - n % L;
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, gy, gyOff + i), positive).intoArray(gx, gxOff + i);
        }
        for (int i = nVec; i < n; i++) {
            gx[gxOff + i] = x[xOff + i] > 0f ? gy[gyOff + i] : 0f;
        }
    }

    @Override
    public void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
                        float lr, float momentum, float dampening, float weightDecay, boolean nesterov,
                        boolean firstStep) {
        Checks.range("sgdStep p", p, off, n);
        Checks.range("sgdStep g", g, off, n);
        int end = off + n;
        int endVec = off + n - n % L;
        if (momentum == 0f) {
            for (int i = off; i < endVec; i += L) {
                FloatVector pv = FloatVector.fromArray(S, p, i);
                FloatVector d = pv.fma(FloatVector.broadcast(S, weightDecay), FloatVector.fromArray(S, g, i));
                d.fma(FloatVector.broadcast(S, -lr), pv).intoArray(p, i);
            }
            for (int i = endVec; i < end; i++) {
                float d = Math.fma(p[i], weightDecay, g[i]);
                p[i] = Math.fma(d, -lr, p[i]);
            }
            return;
        }
        Checks.range("sgdStep buf", buf, off, n);
        float keep = firstStep ? 0f : momentum;
        float take = firstStep ? 1f : 1f - dampening;
        for (int i = off; i < endVec; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector d = pv.fma(FloatVector.broadcast(S, weightDecay), FloatVector.fromArray(S, g, i));
            FloatVector bv = FloatVector.fromArray(S, buf, i).mul(keep).add(d.mul(take));
            bv.intoArray(buf, i);
            FloatVector update = nesterov ? bv.fma(FloatVector.broadcast(S, momentum), d) : bv;
            update.fma(FloatVector.broadcast(S, -lr), pv).intoArray(p, i);
        }
        for (int i = endVec; i < end; i++) {
            float d = Math.fma(p[i], weightDecay, g[i]);
            float b = buf[i] * keep + d * take;
            buf[i] = b;
            float update = nesterov ? Math.fma(b, momentum, d) : b;
            p[i] = Math.fma(update, -lr, p[i]);
        }
    }

    @Override
    public void adamStep(float[] p, float[] g, float[] m, float[] v, int off, int n,
                         float paramScale, float weightDecay, float beta1, float beta2,
                         float stepSize, float sqrtBiasCorrection2, float eps) {
        Checks.range("adamStep p", p, off, n);
        Checks.range("adamStep g", g, off, n);
        Checks.range("adamStep m", m, off, n);
        Checks.range("adamStep v", v, off, n);
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        int end = off + n;
        int endVec = off + n - n % L;
        for (int i = off; i < endVec; i += L) {
            FloatVector w = FloatVector.fromArray(S, p, i).mul(paramScale);
            FloatVector d = w.fma(FloatVector.broadcast(S, weightDecay), FloatVector.fromArray(S, g, i));
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(d.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(d.mul(d).mul(oneMinusBeta2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(sqrtBiasCorrection2).add(eps);
            mi.div(denom).fma(FloatVector.broadcast(S, -stepSize), w).intoArray(p, i);
        }
        for (int i = endVec; i < end; i++) {
            float w = p[i] * paramScale;
            float d = Math.fma(w, weightDecay, g[i]);
            float mi = m[i] * beta1 + d * oneMinusBeta1;
            float vi = v[i] * beta2 + d * d * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / sqrtBiasCorrection2 + eps;
            p[i] = Math.fma(mi / denom, -stepSize, w);
        }
    }
}
