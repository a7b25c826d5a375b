package dev.adversarial.gan.api.contract;

import dev.adversarial.gan.api.Conv2dSpec;

/**
 * Double-precision convolutions written straight from PyTorch's definitions, one output element
 * at a time: the transposed convolution is defined by its own formula (each output gathers the
 * inputs that land on it), not as the adjoint of conv2d, so the two checks are independent.
 */
final class ConvRef {
    private ConvRef() {
    }

    /** out[n,o,y,x] = b[o] + Σ_{c in o's group, i, j} x[n,c,y·s+i·d−p, x·s+j·d−p] · w[o,c,i,j]. */
    static Ref conv2d(Ref x, Ref w, Ref bias, Conv2dSpec s) {
        int n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], wd = x.dims()[3];
        int o = w.dims()[0], kh = w.dims()[2], kw = w.dims()[3];
        int oh = s.convOutH(h, kh), ow = s.convOutW(wd, kw);
        int cg = c / s.groups(), og = o / s.groups();
        double[] out = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double sum = bias == null ? 0 : bias.v()[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = y * s.strideH() + i * s.dilationH() - s.padH();
                                    int ix = xx * s.strideW() + j * s.dilationW() - s.padW();
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        sum += x.v()[((b * c + g * cg + ic) * h + iy) * wd + ix]
                                                * w.v()[((oc * cg + ic) * kh + i) * kw + j];
                                    }
                                }
                            }
                        }
                        out[((b * o + oc) * oh + y) * ow + xx] = sum;
                    }
                }
            }
        }
        return Ref.of(out, n, o, oh, ow);
    }

    /**
     * out[n,o,y,x] = b[o] + Σ x[n,c,iy,ix] · w[c,o',i,j] over the c in o's group and the (iy, i)
     * with iy·s + i·d − p = y (and likewise for columns): PyTorch's conv_transpose2d.
     */
    static Ref convTranspose2d(Ref x, Ref w, Ref bias, Conv2dSpec s) {
        int n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], wd = x.dims()[3];
        int ogs = w.dims()[1], kh = w.dims()[2], kw = w.dims()[3];
        int o = ogs * s.groups(), cg = c / s.groups();
        int oh = s.transposedOutH(h, kh), ow = s.transposedOutW(wd, kw);
        double[] out = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / ogs, oi = oc % ogs;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double sum = bias == null ? 0 : bias.v()[oc];
                        for (int ic = g * cg; ic < (g + 1) * cg; ic++) {
                            for (int i = 0; i < kh; i++) {
                                int ty = y + s.padH() - i * s.dilationH();
                                if (ty < 0 || ty % s.strideH() != 0 || ty / s.strideH() >= h) {
                                    continue;
                                }
                                for (int j = 0; j < kw; j++) {
                                    int tx = xx + s.padW() - j * s.dilationW();
                                    if (tx < 0 || tx % s.strideW() != 0 || tx / s.strideW() >= wd) {
                                        continue;
                                    }
                                    sum += x.v()[((b * c + ic) * h + ty / s.strideH()) * wd + tx / s.strideW()]
                                            * w.v()[((ic * ogs + oi) * kh + i) * kw + j];
                                }
                            }
                        }
                        out[((b * o + oc) * oh + y) * ow + xx] = sum;
                    }
                }
            }
        }
        return Ref.of(out, n, o, oh, ow);
    }
}
