package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.cpu.DirectConvolution.Geometry;
import java.util.Arrays;

/**
 * Moves one image between its NCHW planes and the patch matrix of a convolution ("im2col"):
 * row (c·kh + ki)·kw + kj, column oy·OW + ox holds the input value that kernel tap (ki, kj) of
 * channel c meets at output position (oy, ox), or 0 where that tap falls on the padding. Rows are
 * ordered as a weight [O, C, kh, kw] flattens, so W·cols is the convolution. {@link #col2im} is
 * the adjoint: it adds every column entry back onto the input position it came from, which is
 * what the transposed convolution and the input gradient need.
 *
 * <p>For each tap the valid output columns form one range [lo, hi) that depends on kj alone, so
 * the inner loops carry no bounds tests, and at stride 1 they are plain array copies.
 */
final class Im2Col {
    private Im2Col() {
    }

    /**
     * Writes the patches of {@code channels} channels of one image, whose first plane starts at
     * {@code x[xo]} (planes of q.h × q.w), into {@code cols}: row r, column j at
     * {@code cols[co + r·ld + j]}, j &lt; q.oh·q.ow. Every element of those columns is written.
     */
    static void im2col(float[] x, int xo, int channels, Geometry q, Conv2dSpec s, float[] cols, int co, int ld) {
        int plane = q.h * q.w;
        for (int c = 0; c < channels; c++) {
            int xc = xo + c * plane;
            for (int ki = 0; ki < q.kh; ki++) {
                for (int kj = 0; kj < q.kw; kj++) {
                    int row = co + ((c * q.kh + ki) * q.kw + kj) * ld;
                    int off = kj * s.dilationW() - s.padW(), lo = lowColumn(off, s, q), hi = highColumn(off, s, q, lo);
                    for (int oy = 0; oy < q.oh; oy++) {
                        int iy = oy * s.strideH() - s.padH() + ki * s.dilationH(), dst = row + oy * q.ow;
                        if (iy < 0 || iy >= q.h) {
                            Arrays.fill(cols, dst, dst + q.ow, 0f);
                            continue;
                        }
                        Arrays.fill(cols, dst, dst + lo, 0f);
                        int src = xc + iy * q.w + off;
                        if (s.strideW() == 1) {
                            System.arraycopy(x, src + lo, cols, dst + lo, hi - lo);
                        } else {
                            int sw = s.strideW();
                            for (int ox = lo; ox < hi; ox++) {
                                cols[dst + ox] = x[src + ox * sw];
                            }
                        }
                        Arrays.fill(cols, dst + hi, dst + q.ow, 0f);
                    }
                }
            }
        }
    }

    /**
     * Adds the columns of {@code cols} (laid out as {@link #im2col} writes them) onto the
     * {@code channels} planes of one image starting at {@code out[oo]}; positions no column
     * reaches are left as they are. Sums each position's terms in a fixed order (by channel, tap,
     * then output position), so the result does not depend on how images are split over threads.
     */
    static void col2im(float[] cols, int co, int ld, int channels, Geometry q, Conv2dSpec s, float[] out, int oo) {
        int plane = q.h * q.w;
        for (int c = 0; c < channels; c++) {
            int xc = oo + c * plane;
            for (int ki = 0; ki < q.kh; ki++) {
                for (int kj = 0; kj < q.kw; kj++) {
                    int row = co + ((c * q.kh + ki) * q.kw + kj) * ld;
                    int off = kj * s.dilationW() - s.padW(), lo = lowColumn(off, s, q), hi = highColumn(off, s, q, lo);
                    for (int oy = 0; oy < q.oh; oy++) {
                        int iy = oy * s.strideH() - s.padH() + ki * s.dilationH();
                        if (iy < 0 || iy >= q.h) {
                            continue;
                        }
                        int src = row + oy * q.ow, dst = xc + iy * q.w + off, sw = s.strideW();
                        for (int ox = lo; ox < hi; ox++) {
                            out[dst + ox * sw] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column ox·strideW + off is not left of the image. */
    private static int lowColumn(int off, Conv2dSpec s, Geometry q) {
        return Math.min(q.ow, Math.max(0, -Math.floorDiv(off, s.strideW())));
    }

    /** One past the last output column whose input column is inside the image; at least lo. */
    private static int highColumn(int off, Conv2dSpec s, Geometry q, int lo) {
        return Math.max(lo, Math.min(q.ow, Math.floorDiv(q.w - 1 - off, s.strideW()) + 1));
    }
}
