package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.cpu.DirectConvolution.Geometry;

/**
 * A convolution's patch matrix (as {@link Im2Col} would write it: row (c·kh + ki)·kw + kj,
 * column b·OH·OW + oy·OW + ox) described instead of stored, as a {@link Packing.Gather}: on a
 * copy of the images with the padding written out as zeros, every patch entry is
 * {@code padded[offset + row[r] + column[j]]} with
 *
 * <pre>
 * row[r]    = c·plane + ki·dilationH·PW + kj·dilationW        (plane = PH·PW)
 * column[j] = b·C·plane + oy·strideH·PW + ox·strideW
 * </pre>
 *
 * so the matrix kernel's packing gathers the patches straight from the images into its panels.
 * That removes the patch matrix (16 times the images for a 4×4 kernel: 12.8 MB at the DCGAN's
 * 64→128 layer) and one of its two full copies. Without padding the images themselves serve.
 *
 * <p>The index tables are per calling thread and reused, so a call allocates none once they have
 * grown to the largest geometry; the padded copy comes from the backend's pool.
 */
final class PatchSource {
    /** Per calling thread: the row table, the column table, then their run lengths. */
    private static final ThreadLocal<int[][]> TABLES =
            ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0], new int[0], new int[0]});

    /** Padded plane height and width: every tap of every output position falls inside. */
    final int ph, pw;
    /** Whether the images need a padded copy (any padding), or serve as they are. */
    final boolean padded;
    /** Floats per padded image (all channels). */
    final int imageFloats;
    final int[] rows;
    final int[] columns;
    /** {@link Packing#runLengths} of rows and of columns. */
    final int[] rowRuns, columnRuns;
    private final Geometry q;
    private final Conv2dSpec s;

    /**
     * Tables for the patches of {@code rows} rows (one group's channels) and up to {@code images}
     * images side by side; they are filled here.
     */
    PatchSource(Geometry q, Conv2dSpec s, int channels, int images) {
        this.q = q;
        this.s = s;
        padded = s.padH() != 0 || s.padW() != 0;
        // The output size formula keeps the last tap inside H + 2·padH; max() only guards shapes
        // whose output side was given larger than the formula.
        ph = Math.max(q.h + 2 * s.padH(), (q.oh - 1) * s.strideH() + (q.kh - 1) * s.dilationH() + 1);
        pw = Math.max(q.w + 2 * s.padW(), (q.ow - 1) * s.strideW() + (q.kw - 1) * s.dilationW() + 1);
        int plane = padded ? ph * pw : q.h * q.w, rowStride = padded ? pw : q.w;
        imageFloats = q.c * plane;
        int[][] t = TABLES.get();
        int nRows = channels * q.kh * q.kw, p = q.oh * q.ow, nColumns = images * p;
        if (t[0].length < nRows) {
            t[0] = new int[nRows];
        }
        if (t[1].length < nColumns) {
            t[1] = new int[nColumns];
        }
        rows = t[0];
        columns = t[1];
        for (int c = 0, r = 0; c < channels; c++) {
            for (int ki = 0; ki < q.kh; ki++) {
                for (int kj = 0; kj < q.kw; kj++) {
                    rows[r++] = c * plane + ki * s.dilationH() * rowStride + kj * s.dilationW();
                }
            }
        }
        for (int b = 0, j = 0; b < images; b++) {
            for (int oy = 0; oy < q.oh; oy++) {
                for (int ox = 0; ox < q.ow; ox++) {
                    columns[j++] = b * imageFloats + oy * s.strideH() * rowStride + ox * s.strideW();
                }
            }
        }
        rowRuns = t[2] = Packing.runLengths(rows, nRows, t[2]);
        columnRuns = t[3] = Packing.runLengths(columns, nColumns, t[3]);
    }

    /**
     * Where image {@code first}'s channel {@code channel} starts: in {@code padded} (the copy
     * {@link #pad} wrote, whose image 0 is {@code first}) or, without padding, in the images.
     */
    int offset(int first, int channel) {
        int plane = imageFloats / Math.max(1, q.c);
        return padded ? channel * plane : first * imageFloats + channel * plane;
    }

    /**
     * Writes images [first + from, first + to) of x [N,C,H,W], all channels, into {@code dst}
     * (image first at 0) with their padding as zeros; every element of those images is written.
     */
    void pad(float[] x, int first, int from, int to, float[] dst) {
        pad(x, q.c, q.h, q.w, s.padH(), s.padW(), ph, pw, first, from, to, dst);
    }

    /**
     * Images [first + from, first + to) of x [N, channels, h, w] into dst as planes of ph × pw
     * (image first at 0), each plane's h × w values starting at row top, column left, the rest
     * zeros.
     */
    static void pad(float[] x, int channels, int h, int w, int top, int left, int ph, int pw,
                    int first, int from, int to, float[] dst) {
        // Loops, not Arrays.fill: the borders are runs of one or two floats, where a call costs
        // more than the stores (JFR: Arrays.fill was 6 % of a D2 forward call).
        int hw = h * w, plane = ph * pw, bottom = (top + h) * pw;
        for (int b = from; b < to; b++) {
            for (int c = 0; c < channels; c++) {
                int d = (b * channels + c) * plane, src = ((first + b) * channels + c) * hw;
                for (int i = 0; i < top * pw; i++) {
                    dst[d + i] = 0f;
                }
                for (int y = 0; y < h; y++) {
                    int row = d + (top + y) * pw;
                    for (int i = 0; i < left; i++) {
                        dst[row + i] = 0f;
                    }
                    System.arraycopy(x, src + y * w, dst, row + left, w);
                    for (int i = left + w; i < pw; i++) {
                        dst[row + i] = 0f;
                    }
                }
                for (int i = bottom; i < plane; i++) {
                    dst[d + i] = 0f;
                }
            }
        }
    }
}
