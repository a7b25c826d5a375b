package dev.adversarial.gan.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.convolutional.Conv2d;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Shape;

/**
 * The three convolution kernels on PyTorch's own convolution (torch.conv2d through DJL, which on
 * the CPU runs oneDNN's AVX-512 kernels). DJL's PyTorch engine has no transposed convolution and
 * no weight-gradient kernel, so both are built from conv2d: the transposed convolution as a
 * sub-pixel convolution (one conv2d whose output channels are the stride phases), or, where that
 * conv would have too few output channels, as col2im after one matrix product; the weight
 * gradient as a convolution with batch and channels swapped. These and the alternatives that
 * measured slower at the DCGAN shapes (zero-inserting the input, im2col around MKL's matrix
 * product) are timed side by side by ConvolutionTiming in the tests. Every intermediate array
 * is closed before a method returns.
 */
final class DjlConvolutions {
    private DjlConvolutions() {
    }

    static NDArray conv2d(NDArray x, NDArray w, Conv2dSpec s) {
        NDList y = Conv2d.conv2d(x, w, null, pair(s.strideH(), s.strideW()), pair(s.padH(), s.padW()),
                pair(s.dilationH(), s.dilationW()), s.groups());
        return y.singletonOrThrow();
    }

    /**
     * The sub-pixel convolution below, unless it would have fewer than 16 output channels
     * ((O/groups)·s_h·s_w, 4 for a GAN's image layer): oneDNN computes output channels in blocks
     * of 16, so it would mostly multiply padding, and col2im, whose matrix product has no such
     * block, measured faster there (ConvolutionTiming: 4 phase channels, col2im ahead; 256, the
     * sub-pixel convolution ahead).
     */
    static NDArray convTranspose2d(NDArray x, Shape xShape, NDArray w, Shape wShape, Conv2dSpec s, Shape out) {
        return wShape.dim(1) * s.strideH() * s.strideW() < 16
                ? col2im(x, xShape, w, wShape, s, out) : subPixel(x, xShape, w, wShape, s, out);
    }

    /**
     * y[oy] = Σ x[iy]·w[ki] over oy = iy·s + ki·d − p (one axis shown). Splitting the output rows
     * by their phase r = (oy + p) mod s leaves, for each phase, a stride-1 convolution of x with
     * the taps ki·d ≡ r (mod s), flipped. All s_h·s_w phases run as one grouped conv2d whose
     * output channels are (channel, phase); reshaping and transposing those channels into the
     * rows and columns they belong to (a pixel shuffle) and cutting the padding off gives y.
     * The only zeros multiplied are the taps that round the kernel up to a multiple of s (none
     * for DCGAN's k = 4, s = 2) and those of a dilation spread out at stride above 1: about 1/s²
     * of the work of convolving a zero-upsampled x. Positions past the natural size that
     * {@code out} asks for come out 0, and positions it leaves out are never computed.
     */
    static NDArray subPixel(NDArray x, Shape xShape, NDArray w, Shape wShape, Conv2dSpec s, Shape out) {
        int groups = s.groups(), c = xShape.dim(1), og = wShape.dim(1), o = og * groups;
        Phases ph = Phases.of(s.strideH(), s.dilationH(), wShape.dim(2), s.padH(), xShape.dim(2), out.dim(2));
        Phases pw = Phases.of(s.strideW(), s.dilationW(), wShape.dim(3), s.padW(), xShape.dim(3), out.dim(3));
        try (NDArray kernel = phaseKernel(w, wShape, groups, ph, pw);
             NDArray y = convolvePhases(x, kernel, groups, ph, pw);
             NDArray split = y.reshape(xShape.dim(0), o, ph.stride, pw.stride, ph.blocks(), pw.blocks());
             NDArray interleaved = split.transpose(0, 1, 4, 2, 5, 3);
             NDArray full = interleaved.reshape(xShape.dim(0), o, ph.blocks() * ph.stride, pw.blocks() * pw.stride)) {
            if (ph.offset == 0 && pw.offset == 0 && ph.blocks() * ph.stride == out.dim(2)
                    && pw.blocks() * pw.stride == out.dim(3)) {
                return full.reshape(full.getShape()); // its own handle: full is a copy, or y itself at stride 1
            }
            try (NDArray cut = full.get(new NDIndex(":, :, {}:{}, {}:{}", ph.offset, ph.offset + out.dim(2), pw.offset,
                    pw.offset + out.dim(3)))) {
                return cut.duplicate(); // contiguous, not a view with gaps that a reshape would copy
            }
        }
    }

    /**
     * cols = wᵀ·x, one matrix product per group ([(O/g)·kh·kw, C/g]·[C/g, N·H·W], batched over
     * the groups), then each (i, j) slab of cols, [O, N, H, W], added into the strided slice of
     * a zero [O, N, ·, ·] buffer that its outputs land on (col2im); the padding is cut off and
     * N and O swap back. The buffer reaches as far as {@code out} asks, so extra positions are 0.
     */
    static NDArray col2im(NDArray x, Shape xShape, NDArray w, Shape wShape, Conv2dSpec s, Shape out) {
        int n = xShape.dim(0), c = xShape.dim(1), h = xShape.dim(2), wd = xShape.dim(3), groups = s.groups();
        int og = wShape.dim(1), kh = wShape.dim(2), kw = wShape.dim(3), o = og * groups;
        int fullH = Math.max((h - 1) * s.strideH() + s.dilationH() * (kh - 1) + 1, s.padH() + out.dim(2));
        int fullW = Math.max((wd - 1) * s.strideW() + s.dilationW() * (kw - 1) + 1, s.padW() + out.dim(3));
        try (NDArray channelsFirst = x.transpose(1, 0, 2, 3);
             NDArray xRows = channelsFirst.reshape(groups, c / groups, (long) n * h * wd);
             NDArray wRows = w.reshape(groups, c / groups, (long) og * kh * kw);
             NDArray wT = wRows.transpose(0, 2, 1);
             NDArray cols = wT.matMul(xRows); // [groups, (O/g)·kh·kw, N·H·W]
             NDArray slabs = cols.reshape(o, kh, kw, n, h, wd);
             NDArray buffer = x.getManager().zeros(new ai.djl.ndarray.types.Shape(o, n, fullH, fullW))) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int top = i * s.dilationH(), left = j * s.dilationW();
                    // get() with slices is a view on PyTorch, so addi adds into the buffer itself.
                    try (NDArray slab = slabs.get(new NDIndex(":, {}, {}", i, j));
                         NDArray target = buffer.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", top,
                                 top + (h - 1) * s.strideH() + 1, s.strideH(), left, left + (wd - 1) * s.strideW() + 1,
                                 s.strideW()))) {
                        target.addi(slab);
                    }
                }
            }
            try (NDArray cut = buffer.get(new NDIndex(":, :, {}:{}, {}:{}", s.padH(), s.padH() + out.dim(2), s.padW(),
                    s.padW() + out.dim(3)));
                 NDArray back = cut.transpose(1, 0, 2, 3);
                 NDArray flat = back.reshape(-1)) { // contiguous: a copy unless back already is
                return flat.reshape(out.dim(0), out.dim(1), out.dim(2), out.dim(3));
            }
        }
    }

    /**
     * The conv2d weight [groups·(O/groups)·s_h·s_w, C/groups, A_h, A_w] whose output channel
     * (g, o, r_h, r_w) holds, flipped, the taps of w[g·C/groups + c, o] that land on phase
     * (r_h, r_w). The kernel is dilated with zeros first on an axis whose stride is above 1
     * (there the dilation cannot stay conv2d's), then zero-extended to A·s taps per axis.
     */
    private static NDArray phaseKernel(NDArray w, Shape wShape, int groups, Phases ph, Phases pw) {
        int c = wShape.dim(0), og = wShape.dim(1), kh = wShape.dim(2), kw = wShape.dim(3);
        NDArray dilated = w;
        if (ph.spread > 1 || pw.spread > 1) {
            dilated = w.getManager().zeros(new ai.djl.ndarray.types.Shape(c, og, ph.spread * (kh - 1) + 1,
                    pw.spread * (kw - 1) + 1));
            dilated.set(new NDIndex(":, :, ::{}, ::{}", ph.spread, pw.spread), w);
        }
        int spanH = ph.spread * (kh - 1) + 1, spanW = pw.spread * (kw - 1) + 1;
        try (NDArray padded = dilated.pad(new ai.djl.ndarray.types.Shape(0, pw.taps * pw.stride - spanW, 0,
                     ph.taps * ph.stride - spanH), 0);
             NDArray split = padded.reshape(groups, c / groups, og, ph.taps, ph.stride, pw.taps, pw.stride);
             NDArray flipped = split.flip(3, 5);
             NDArray phasesFirst = flipped.transpose(0, 2, 4, 6, 1, 3, 5)) {
            return phasesFirst.reshape(groups * og * ph.stride * pw.stride, c / groups, ph.taps, pw.taps);
        } finally {
            if (dilated != w) {
                dilated.close();
            }
        }
    }

    /** The stride-1 convolution of x, padded as the phases need, by the phase kernel. */
    private static NDArray convolvePhases(NDArray x, NDArray kernel, int groups, Phases ph, Phases pw) {
        ai.djl.ndarray.types.Shape one = pair(1, 1), dilation = pair(ph.nativeDilation, pw.nativeDilation);
        if (ph.padBefore == ph.padAfter && pw.padBefore == pw.padAfter && ph.padBefore >= 0 && pw.padBefore >= 0) {
            return Conv2d.conv2d(x, kernel, null, one, pair(ph.padBefore, pw.padBefore), dilation, groups)
                    .singletonOrThrow();
        }
        // Uneven padding, which conv2d's symmetric padding cannot say, or negative padding (where
        // p reaches past the kernel), which crops x: DJL's pad takes no amount below -1.
        NDArray cropped = x;
        if (ph.padBefore < 0 || ph.padAfter < 0 || pw.padBefore < 0 || pw.padAfter < 0) {
            long h = x.getShape().get(2), w = x.getShape().get(3);
            cropped = x.get(new NDIndex(":, :, {}:{}, {}:{}", cut(ph.padBefore), h - cut(ph.padAfter),
                    cut(pw.padBefore), w - cut(pw.padAfter)));
        }
        try (NDArray padded = cropped.pad(new ai.djl.ndarray.types.Shape(Math.max(0, pw.padBefore),
                Math.max(0, pw.padAfter), Math.max(0, ph.padBefore), Math.max(0, ph.padAfter)), 0)) {
            return Conv2d.conv2d(padded, kernel, null, one, pair(0, 0), dilation, groups).singletonOrThrow();
        } finally {
            if (cropped != x) {
                cropped.close();
            }
        }
    }

    /** How many rows a padding amount removes: its negative part. */
    private static int cut(int pad) {
        return Math.max(0, -pad);
    }

    /**
     * One spatial axis of a transposed convolution split into stride phases. With stride 1 the
     * dilation stays conv2d's own ({@code nativeDilation}); otherwise the kernel is spread out
     * with zeros ({@code spread}) and each phase gets {@code taps} = ⌈span/s⌉ of its taps. Output
     * row oy is row (oy + p) of a grid of whole blocks of s rows; the conv computes blocks q0 to
     * q1 − 1, the ones that hold rows p to p + out − 1, so {@code offset} rows are cut at the top.
     */
    private record Phases(int stride, int spread, int nativeDilation, int taps, int q0, int q1, int padBefore,
                          int padAfter, int offset) {
        static Phases of(int stride, int dilation, int k, int pad, int in, int out) {
            int spread = stride > 1 ? dilation : 1, nativeDilation = stride > 1 ? 1 : dilation;
            int taps = Math.floorDiv(spread * (k - 1) + stride, stride); // ⌈(spread·(k − 1) + 1)/s⌉
            int q0 = pad / stride, q1 = Math.floorDiv(pad + out + stride - 1, stride);
            // Block q sums x[q − a]·w[a·s + r]: padding x by (span − 1 − q0) before and by
            // (q1 − in) after makes the stride-1 conv produce exactly blocks q0 .. q1 − 1.
            int span = nativeDilation * (taps - 1) + 1;
            return new Phases(stride, spread, nativeDilation, taps, q0, q1, span - 1 - q0, q1 - in, pad - q0 * stride);
        }

        int blocks() {
            return q1 - q0;
        }
    }

    /**
     * dW[o,c,i,j] = Σ g[n,o,y,x]·x[n,c,y·s+i·d−p,x·s+j·d−p] is itself a convolution: of x with
     * batch and channels swapped, by g with batch and channels swapped as the kernel, with stride
     * and dilation exchanging roles. Its output can be a little larger than the kernel (when the
     * last input rows fall between strides); the extra rows are cut off. One group at a time.
     * PyTorch runs this dilated convolution through oneDNN as well, and it beat im2col plus one
     * matrix product (which ends in MKL's sgemm) at every DCGAN shape (see ConvolutionTiming).
     */
    static NDArray conv2dWeight(NDArray x, Shape xShape, NDArray g, Shape gShape, Conv2dSpec s, Shape wShape) {
        int groups = s.groups();
        if (groups == 1) {
            return groupWeight(x, g, s, wShape);
        }
        int cg = xShape.dim(1) / groups, og = gShape.dim(1) / groups;
        NDList parts = new NDList(groups);
        try {
            for (int gi = 0; gi < groups; gi++) {
                try (NDArray xs = x.get(new NDIndex(":, {}:{}", gi * cg, (gi + 1) * cg));
                     NDArray gs = g.get(new NDIndex(":, {}:{}", gi * og, (gi + 1) * og))) {
                    parts.add(groupWeight(xs, gs, s, wShape));
                }
            }
            return NDArrays.concat(parts, 0);
        } finally {
            parts.close();
        }
    }

    private static NDArray groupWeight(NDArray x, NDArray g, Conv2dSpec s, Shape wShape) {
        try (NDArray xt = x.transpose(1, 0, 2, 3); NDArray gt = g.transpose(1, 0, 2, 3);
             NDArray full = Conv2d.conv2d(xt, gt, null, pair(s.dilationH(), s.dilationW()), pair(s.padH(), s.padW()),
                     pair(s.strideH(), s.strideW()), 1).singletonOrThrow();
             NDArray cut = full.get(new NDIndex(":, :, :{}, :{}", wShape.dim(2), wShape.dim(3)));
             NDArray back = cut.transpose(1, 0, 2, 3)) {
            return back.duplicate();
        }
    }

    private static ai.djl.ndarray.types.Shape pair(int h, int w) {
        return new ai.djl.ndarray.types.Shape(h, w);
    }
}
