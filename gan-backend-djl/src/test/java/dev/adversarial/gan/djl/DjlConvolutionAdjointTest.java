package dev.adversarial.gan.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transposed convolution and the weight gradient are built from conv2d with index
 * bookkeeping (stride phases, padding that can become cropping, dilation spread into the kernel),
 * so they are checked here against torch's own conv2d over hundreds of random geometries, far
 * more than the contract suite's fixed cases: ⟨convTranspose2d(y, w), x⟩ = ⟨y, conv2d(x, w)⟩ and
 * ⟨conv2dWeight(x, y), w⟩ = ⟨y, conv2d(x, w)⟩ for every x, y and w, which pins every output
 * element down (a misplaced row changes the sum by about a 1/√size part of its scale).
 */
class DjlConvolutionAdjointTest {
    private final Kernels k = Backends.get("djl").kernels();
    private final Random random = new Random(20261202);

    @Test
    void bothAdjointsMatchTorchConv2dOverRandomGeometries() {
        for (int trial = 0; trial < 300; trial++) {
            int groups = 1 + random.nextInt(3);
            int sH = 1 + random.nextInt(3), sW = 1 + random.nextInt(3), dH = 1 + random.nextInt(3);
            int dW = 1 + random.nextInt(3), kh = 1 + random.nextInt(4), kw = 1 + random.nextInt(4);
            // Padding up to 4, so on small kernels it often exceeds the kernel's span: the
            // transposed convolution then crops its input instead of padding it.
            int pH = random.nextInt(5), pW = random.nextInt(5);
            Conv2dSpec spec = new Conv2dSpec(sH, sW, pH, pW, dH, dW, groups, 0, 0);
            int n = 1 + random.nextInt(2), c = groups * (1 + random.nextInt(2)), o = groups * (1 + random.nextInt(3));
            // Heights from the smallest with an output row to a few strides more, so that the
            // last rows a stride skips (which the transposed convolution must give as 0) occur.
            int h = Math.max(1, dH * (kh - 1) + 1 - 2 * pH) + random.nextInt(2 * sH + 3);
            int w = Math.max(1, dW * (kw - 1) + 1 - 2 * pW) + random.nextInt(2 * sW + 3);
            Shape xs = Shape.of(n, c, h, w), ws = Shape.of(o, c / groups, kh, kw);
            Shape ys = Shape.of(n, o, spec.convOutH(h, kh), spec.convOutW(w, kw));
            String what = "x " + xs + ", weight " + ws + ", " + spec;

            float[] x = randoms(xs.size()), y = randoms(ys.size()), wt = randoms(ws.size());
            Storage xd = k.upload(x, xs), yd = k.upload(y, ys), wd = k.upload(wt, ws);
            Storage conv = k.conv2d(xd, xs, wd, ws, spec, ys);
            Storage weight = k.conv2dWeight(xd, xs, yd, ys, spec, ws);
            float[] convOut = k.download(conv, ys);
            double reference = dot(y, convOut);
            double scale = Math.sqrt(dot(y, y) * dot(convOut, convOut)) + 1e-30;
            // conv2d's weight [O, C/groups, kh, kw] is also the layout in which the transposed
            // convolution from O channels back to C takes it. Both of its routes are checked,
            // whichever the kernel would pick for this shape.
            NDArray yn = DjlStorage.of(yd), wn = DjlStorage.of(wd);
            try (NDArray subPixel = DjlConvolutions.subPixel(yn, ys, wn, ws, spec, xs);
                 NDArray col2im = DjlConvolutions.col2im(yn, ys, wn, ws, spec, xs)) {
                assertThat(Math.abs(dot(x, k.download(new DjlStorage(subPixel), xs)) - reference))
                        .as("⟨sub-pixel convTranspose2d(y, w), x⟩ − ⟨y, conv2d(x, w)⟩ for %s", what)
                        .isLessThan(2e-5 * scale);
                assertThat(Math.abs(dot(x, k.download(new DjlStorage(col2im), xs)) - reference))
                        .as("⟨col2im convTranspose2d(y, w), x⟩ − ⟨y, conv2d(x, w)⟩ for %s", what)
                        .isLessThan(2e-5 * scale);
            }
            assertThat(Math.abs(dot(wt, k.download(weight, ws)) - reference))
                    .as("⟨conv2dWeight(x, y), w⟩ − ⟨y, conv2d(x, w)⟩ for %s", what).isLessThan(2e-5 * scale);
            for (Storage s : new Storage[] {xd, yd, wd, conv, weight}) {
                s.release();
            }
        }
    }

    private float[] randoms(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
