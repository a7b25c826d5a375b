package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Shape;

/**
 * The three convolution kernels as plain nested loops over NCHW arrays, one output element (or
 * one scattered product) at a time: short enough to check by eye, so it is the reference
 * {@link PackedConvolution} is tested against, and what {@code -Dgan.cpu.conv=direct} runs
 * instead of it for comparisons (8–60 times slower at the DCGAN's shapes: docs/BENCHMARKS.md).
 */
final class DirectConvolution {
    private DirectConvolution() {
    }

    /** out [N,O,OH,OW] = x [N,C,H,W] ⋆ w [O,C/g,kh,kw]. */
    static void conv2d(float[] x, Shape xs, float[] w, Shape ws, Conv2dSpec s, float[] out, Shape os) {
        Geometry q = new Geometry(xs, ws, os, s);
        int cg = q.c / s.groups(), og = q.o / s.groups();
        for (int n = 0; n < q.n; n++) {
            for (int oc = 0; oc < q.o; oc++) {
                int c0 = (oc / og) * cg;
                for (int oy = 0; oy < q.oh; oy++) {
                    for (int ox = 0; ox < q.ow; ox++) {
                        float sum = 0f;
                        for (int ic = 0; ic < cg; ic++) {
                            int xBase = ((n * q.c + c0 + ic) * q.h) * q.w;
                            int wBase = (oc * cg + ic) * q.kh * q.kw;
                            for (int ki = 0; ki < q.kh; ki++) {
                                int iy = oy * s.strideH() - s.padH() + ki * s.dilationH();
                                if (iy < 0 || iy >= q.h) {
                                    continue;
                                }
                                for (int kj = 0; kj < q.kw; kj++) {
                                    int ix = ox * s.strideW() - s.padW() + kj * s.dilationW();
                                    if (ix >= 0 && ix < q.w) {
                                        sum += x[xBase + iy * q.w + ix] * w[wBase + ki * q.kw + kj];
                                    }
                                }
                            }
                        }
                        out[((n * q.o + oc) * q.oh + oy) * q.ow + ox] = sum;
                    }
                }
            }
        }
    }

    /**
     * out [N,O,OH,OW] = the transposed convolution of x [N,C,H,W] with w [C,O/g,kh,kw]: every
     * input value scatters its products into the output positions that conv2d would read.
     */
    static void convTranspose2d(float[] x, Shape xs, float[] w, Shape ws, Conv2dSpec s, float[] out, Shape os) {
        // In conv2d's terms the output is the input side: channels O, size OH×OW.
        Geometry q = new Geometry(os, ws, xs, s);
        java.util.Arrays.fill(out, 0, os.size(), 0f);
        int cg = q.c / s.groups(), og = q.o / s.groups();
        for (int n = 0; n < q.n; n++) {
            for (int ic = 0; ic < q.o; ic++) {
                int c0 = (ic / og) * cg;
                for (int iy = 0; iy < q.oh; iy++) {
                    for (int ix = 0; ix < q.ow; ix++) {
                        float v = x[((n * q.o + ic) * q.oh + iy) * q.ow + ix];
                        for (int oc = 0; oc < cg; oc++) {
                            int outBase = ((n * q.c + c0 + oc) * q.h) * q.w;
                            int wBase = (ic * cg + oc) * q.kh * q.kw;
                            for (int ki = 0; ki < q.kh; ki++) {
                                int y = iy * s.strideH() - s.padH() + ki * s.dilationH();
                                if (y < 0 || y >= q.h) {
                                    continue;
                                }
                                for (int kj = 0; kj < q.kw; kj++) {
                                    int xx = ix * s.strideW() - s.padW() + kj * s.dilationW();
                                    if (xx >= 0 && xx < q.w) {
                                        out[outBase + y * q.w + xx] += v * w[wBase + ki * q.kw + kj];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** out [O,C/g,kh,kw] = Σ over batch and positions of g [N,O,OH,OW] times the patches of x [N,C,H,W]. */
    static void conv2dWeight(float[] x, Shape xs, float[] g, Shape gs, Conv2dSpec s, float[] out, Shape ws) {
        Geometry q = new Geometry(xs, ws, gs, s);
        int cg = q.c / s.groups(), og = q.o / s.groups();
        for (int oc = 0; oc < q.o; oc++) {
            int c0 = (oc / og) * cg;
            for (int ic = 0; ic < cg; ic++) {
                for (int ki = 0; ki < q.kh; ki++) {
                    for (int kj = 0; kj < q.kw; kj++) {
                        float sum = 0f;
                        for (int n = 0; n < q.n; n++) {
                            int xBase = ((n * q.c + c0 + ic) * q.h) * q.w;
                            int gBase = ((n * q.o + oc) * q.oh) * q.ow;
                            for (int oy = 0; oy < q.oh; oy++) {
                                int iy = oy * s.strideH() - s.padH() + ki * s.dilationH();
                                if (iy < 0 || iy >= q.h) {
                                    continue;
                                }
                                for (int ox = 0; ox < q.ow; ox++) {
                                    int ix = ox * s.strideW() - s.padW() + kj * s.dilationW();
                                    if (ix >= 0 && ix < q.w) {
                                        sum += g[gBase + oy * q.ow + ox] * x[xBase + iy * q.w + ix];
                                    }
                                }
                            }
                        }
                        out[((oc * cg + ic) * q.kh + ki) * q.kw + kj] = sum;
                    }
                }
            }
        }
    }

    /** The sizes of a conv2d from input [n,c,h,w] through weight [o,·,kh,kw] to output [n,o,oh,ow]. */
    static final class Geometry {
        final int n, c, h, w, o, kh, kw, oh, ow;

        Geometry(Shape input, Shape weight, Shape output, Conv2dSpec s) {
            n = input.dim(0);
            c = input.dim(1);
            h = input.dim(2);
            w = input.dim(3);
            o = output.dim(1);
            kh = weight.dim(2);
            kw = weight.dim(3);
            oh = output.dim(2);
            ow = output.dim(3);
        }
    }
}
