package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Checks;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.util.Arrays;

import static dev.inkwell.kernels.vector.VectorLanes.S;
import static dev.inkwell.kernels.vector.VectorLanes.L;

/** SGEMM on vectors: cache-blocked, register-blocked A·B with packed strips of B, and A·Bᵀ by dots. */
final class VectorGemm {
    /**
     * A packed strip's row: four vectors. Indices step by this one constant: the JIT does not see
     * p * 4 * L (two shifts) as linear in p, and kept that index's bounds checks in the loop.
     */
    private static final int QUAD = 4 * L;
    /** A packed pair strip's row: two vectors. */
    private static final int PAIR = 2 * L;
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

    private VectorGemm() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
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
                float d0 = s0.reduceLanes(VectorOperators.ADD), d1 = s1.reduceLanes(VectorOperators.ADD);
                float d2 = s2.reduceLanes(VectorOperators.ADD), d3 = s3.reduceLanes(VectorOperators.ADD);
                store(c, c0 + j, VectorElementwise.finishDot(d0, a, a0, b, bj, kVec, k), accumulate);
                store(c, c0 + ldc + j, VectorElementwise.finishDot(d1, a, a0 + lda, b, bj, kVec, k), accumulate);
                store(c, c0 + 2 * ldc + j, VectorElementwise.finishDot(d2, a, a0 + 2 * lda, b, bj, kVec, k), accumulate);
                store(c, c0 + 3 * ldc + j, VectorElementwise.finishDot(d3, a, a0 + 3 * lda, b, bj, kVec, k), accumulate);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                store(c, ci + j, VectorElementwise.dotUnchecked(a, ai, b, bOff + j * ldb, k), accumulate);
            }
        }
    }

    private static void store(float[] c, int at, float s, boolean accumulate) {
        c[at] = accumulate ? c[at] + s : s;
    }
}
