package dev.adversarial.gan.api;

/**
 * The geometry of a 2-D convolution in PyTorch's terms: stride, zero padding and dilation per
 * spatial axis (height, width), and the number of channel groups. {@code outputPadding} adds
 * rows and columns to one side of a transposed convolution's output (PyTorch's
 * {@code output_padding}); a plain convolution must leave it 0.
 *
 * <pre>{@code
 * Conv2dSpec.of(2, 1)                       // stride 2, padding 1 on both axes
 * Conv2dSpec.of(1, 0).withDilation(2, 2)    // a dilated 1-stride convolution
 * }</pre>
 */
public record Conv2dSpec(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups,
                         int outputPadH, int outputPadW) {

    public Conv2dSpec {
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("Convolution stride must be at least 1, got " + strideH + "x" + strideW);
        }
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("Convolution padding must be 0 or more, got " + padH + "x" + padW);
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("Convolution dilation must be at least 1, got " + dilationH + "x" + dilationW);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("Convolution groups must be at least 1, got " + groups);
        }
        // PyTorch's rule: output padding must be smaller than either the stride or the dilation.
        if (outputPadH < 0 || outputPadW < 0 || (outputPadH >= strideH && outputPadH >= dilationH)
                || (outputPadW >= strideW && outputPadW >= dilationW)) {
            throw new IllegalArgumentException("Output padding " + outputPadH + "x" + outputPadW + " must be 0 or more"
                    + " and smaller than the stride (" + strideH + "x" + strideW + ") or the dilation ("
                    + dilationH + "x" + dilationW + ") on each axis");
        }
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static Conv2dSpec defaults() {
        return of(1, 0);
    }

    /** The same stride and padding on both axes; no dilation, one group. */
    public static Conv2dSpec of(int stride, int padding) {
        return new Conv2dSpec(stride, stride, padding, padding, 1, 1, 1, 0, 0);
    }

    public Conv2dSpec withStride(int h, int w) {
        return new Conv2dSpec(h, w, padH, padW, dilationH, dilationW, groups, outputPadH, outputPadW);
    }

    public Conv2dSpec withPadding(int h, int w) {
        return new Conv2dSpec(strideH, strideW, h, w, dilationH, dilationW, groups, outputPadH, outputPadW);
    }

    public Conv2dSpec withDilation(int h, int w) {
        return new Conv2dSpec(strideH, strideW, padH, padW, h, w, groups, outputPadH, outputPadW);
    }

    public Conv2dSpec withGroups(int g) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilationH, dilationW, g, outputPadH, outputPadW);
    }

    public Conv2dSpec withOutputPadding(int h, int w) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilationH, dilationW, groups, h, w);
    }

    /** Output height of a convolution over {@code in} rows with kernel height {@code k} (PyTorch's rule). */
    public int convOutH(int in, int k) {
        return Math.floorDiv(in + 2 * padH - dilationH * (k - 1) - 1, strideH) + 1;
    }

    public int convOutW(int in, int k) {
        return Math.floorDiv(in + 2 * padW - dilationW * (k - 1) - 1, strideW) + 1;
    }

    /** Output height of a transposed convolution over {@code in} rows with kernel height {@code k}. */
    public int transposedOutH(int in, int k) {
        return (in - 1) * strideH - 2 * padH + dilationH * (k - 1) + outputPadH + 1;
    }

    public int transposedOutW(int in, int k) {
        return (in - 1) * strideW - 2 * padW + dilationW * (k - 1) + outputPadW + 1;
    }

    @Override
    public String toString() {
        return "stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ", dilation " + dilationH + "x"
                + dilationW + ", groups " + groups + (outputPadH + outputPadW > 0
                ? ", output padding " + outputPadH + "x" + outputPadW : "");
    }
}
