package dev.adversarial.gan.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.convolutional.Conv2d;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Shape;

/**
 * The three convolution kernels on PyTorch's own convolution (torch.conv2d and
 * conv_transpose2d through DJL). Every intermediate array is closed before a method returns.
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
     * DJL's PyTorch engine has no transposed convolution, so it is computed as the convolution it
     * is equivalent to: the input with stride − 1 zeros between its pixels, padded (or cropped)
     * by dilation·(k − 1) − padding on each side plus the output padding at the end, convolved
     * at stride 1 with the kernel flipped and its channel roles swapped within each group.
     */
    static NDArray convTranspose2d(NDArray x, Shape xShape, NDArray w, Shape wShape, Conv2dSpec s, Shape out) {
        int c = xShape.dim(1), h = xShape.dim(2), wd = xShape.dim(3);
        int kh = wShape.dim(2), kw = wShape.dim(3), groups = s.groups(), o = wShape.dim(1) * groups;
        int upH = (h - 1) * s.strideH() + 1, upW = (wd - 1) * s.strideW() + 1;
        int top = s.dilationH() * (kh - 1) - s.padH(), left = s.dilationW() * (kw - 1) - s.padW();
        int bottom = out.dim(2) + s.dilationH() * (kh - 1) - upH - top;
        int right = out.dim(3) + s.dilationW() * (kw - 1) - upW - left;
        boolean strided = s.strideH() > 1 || s.strideW() > 1;
        NDArray up = x;
        if (strided) {
            up = x.getManager().zeros(new ai.djl.ndarray.types.Shape(xShape.dim(0), c, upH, upW));
            up.set(new NDIndex(":, :, ::{}, ::{}", s.strideH(), s.strideW()), x);
        }
        try (NDArray padded = up.pad(new ai.djl.ndarray.types.Shape(left, right, top, bottom), 0);
             NDArray grouped = w.reshape(groups, c / groups, wShape.dim(1), kh, kw);
             NDArray swapped = grouped.transpose(0, 2, 1, 3, 4);
             NDArray merged = swapped.reshape(o, c / groups, kh, kw);
             NDArray flipped = merged.flip(2, 3)) {
            return Conv2d.conv2d(padded, flipped, null, pair(1, 1), pair(0, 0), pair(s.dilationH(), s.dilationW()),
                    groups).singletonOrThrow();
        } finally {
            if (strided) {
                up.close();
            }
        }
    }

    /**
     * dW[o,c,i,j] = Σ g[n,o,y,x]·x[n,c,y·s+i·d−p,x·s+j·d−p] is itself a convolution: of x with
     * batch and channels swapped, by g with batch and channels swapped as the kernel, with stride
     * and dilation exchanging roles. Its output can be a little larger than the kernel (when the
     * last input rows fall between strides); the extra rows are cut off. One group at a time.
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
