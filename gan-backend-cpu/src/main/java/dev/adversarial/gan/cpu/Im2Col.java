package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.cpu.DirectConvolution.Geometry;
import java.util.Arrays;

/**
 * Moves images between their NCHW planes and the patch matrix of a convolution ("im2col"):
 * row (c·kh + ki)·kw + kj, column oy·OW + ox holds the input value that kernel tap (ki, kj) of
 * channel c meets at output position (oy, ox), or 0 where that tap falls on the padding. Rows are
 * ordered as a weight [O, C, kh, kw] flattens, so W·cols is the convolution. {@link #col2im} is
 * the adjoint: it adds every column entry back onto the input position it came from, which is
 * what the transposed convolution and the input gradient need.
 *
 * <p>Both walk the patch matrix row by row and, within a row, through a run of images, so the
 * large matrix streams front to back while the images' planes of one channel (a few tens of KiB)
 * stay in cache for all kh·kw taps. For each tap the valid output rows and columns form ranges
 * that depend on the tap alone, so the inner loops carry no bounds tests; at stride 1 they are
 * plain array copies.
 */
final class Im2Col {
    private Im2Col() {
    }

    /**
     * Writes the patches of {@code channels} channels of {@code images} images into {@code cols}:
     * image b's planes start at {@code x[xo + b·imageStride]} (planes of q.h × q.w), and row r,
     * column j &lt; q.oh·q.ow of its patches goes to {@code cols[co + r·ld + b·q.oh·q.ow + j]}.
     * Every element of those columns is written.
     */
    static void im2col(float[] x, int xo, int imageStride, int images, int channels, Geometry q, Conv2dSpec s,
                       float[] cols, int co, int ld) {
        int plane = q.h * q.w, p = q.oh * q.ow, sw = s.strideW();
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < q.kh; ki++) {
                int yOff = ki * s.dilationH() - s.padH(), ylo = low(yOff, s.strideH(), q.oh);
                int yhi = high(yOff, s.strideH(), q.h, q.oh, ylo);
                for (int kj = 0; kj < q.kw; kj++) {
                    int row = co + ((c * q.kh + ki) * q.kw + kj) * ld;
                    int off = kj * s.dilationW() - s.padW(), lo = low(off, sw, q.ow), hi = high(off, sw, q.w, q.ow, lo);
                    for (int b = 0; b < images; b++) {
                        int dst = row + b * p, xc = xo + b * imageStride + c * plane;
                        Arrays.fill(cols, dst, dst + ylo * q.ow, 0f);
                        for (int oy = ylo; oy < yhi; oy++) {
                            int d = dst + oy * q.ow, src = xc + (oy * s.strideH() + yOff) * q.w + off;
                            for (int ox = 0; ox < lo; ox++) {
                                cols[d + ox] = 0f;
                            }
                            if (sw == 1) {
                                System.arraycopy(x, src + lo, cols, d + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    cols[d + ox] = x[src + ox * sw];
                                }
                            }
                            for (int ox = hi; ox < q.ow; ox++) {
                                cols[d + ox] = 0f;
                            }
                        }
                        Arrays.fill(cols, dst + yhi * q.ow, dst + p, 0f);
                    }
                }
            }
        }
    }

    /**
     * Adds patches laid out as {@link #im2col} writes them back onto the {@code channels} planes
     * of {@code images} images, image b's starting at {@code out[oo + b·imageStride]}; positions
     * no patch covers are left as they are. Each position's terms are added in a fixed order (by
     * channel, tap, then output position), so the result does not depend on how images are split
     * over threads.
     */
    static void col2im(float[] cols, int co, int ld, int images, int channels, Geometry q, Conv2dSpec s,
                       float[] out, int oo, int imageStride) {
        int plane = q.h * q.w, p = q.oh * q.ow, sw = s.strideW();
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < q.kh; ki++) {
                int yOff = ki * s.dilationH() - s.padH(), ylo = low(yOff, s.strideH(), q.oh);
                int yhi = high(yOff, s.strideH(), q.h, q.oh, ylo);
                for (int kj = 0; kj < q.kw; kj++) {
                    int row = co + ((c * q.kh + ki) * q.kw + kj) * ld;
                    int off = kj * s.dilationW() - s.padW(), lo = low(off, sw, q.ow), hi = high(off, sw, q.w, q.ow, lo);
                    for (int b = 0; b < images; b++) {
                        int src = row + b * p, xc = oo + b * imageStride + c * plane;
                        for (int oy = ylo; oy < yhi; oy++) {
                            int sr = src + oy * q.ow, dst = xc + (oy * s.strideH() + yOff) * q.w + off;
                            for (int ox = lo; ox < hi; ox++) {
                                out[dst + ox * sw] += cols[sr + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output index whose input index, index·stride + off, is not before 0. */
    private static int low(int off, int stride, int outSize) {
        return Math.min(outSize, Math.max(0, -Math.floorDiv(off, stride)));
    }

    /** One past the last output index whose input index is inside [0, inSize); at least lo. */
    private static int high(int off, int stride, int inSize, int outSize, int lo) {
        return Math.max(lo, Math.min(outSize, Math.floorDiv(inSize - 1 - off, stride) + 1));
    }
}
