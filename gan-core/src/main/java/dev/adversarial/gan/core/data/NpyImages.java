package dev.adversarial.gan.core.data;

import dev.adversarial.gan.core.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Images from a NumPy .npy array as an {@link ImageSet}: N×H×W (grayscale), N×H×W×C or N×C×H×W
 * with C = 1, 3 or 4 (alpha, dropped); uint8 (divided by 255), uint16 (by 65535) or float in
 * [0, 1]. Labels, when given, come from a second .npy of N whole numbers from 0 (any integer
 * dtype); class i is named "i". The layout is told apart by where the small channel axis is; an
 * array where both readings are possible is refused with the way to make it plain.
 */
public final class NpyImages {
    private static final String CHANNELS = "1, 3 or 4";

    private NpyImages() {
    }

    /**
     * @param labelsOrNull a .npy of one label per image, or null
     * @param size         0 to keep the arrays' size, else the side to centre-crop and resize to
     * @param channels     0 for the array's own, else 1 or 3 to convert to
     */
    public static ImageSet read(Path file, Path labelsOrNull, int size, int channels) throws IOException {
        byte[] bytes = read(file);
        Npy.Converted a = Npy.readConverted(file, bytes);
        int[] s = a.shape();
        int n, c, h, w;
        boolean channelsLast;
        if (s.length == 3) {
            n = s[0]; c = 1; h = s[1]; w = s[2];
            channelsLast = true;
        } else if (s.length == 4) {
            boolean last = isChannels(s[3]), first = isChannels(s[1]);
            if (last && first && s[1] != s[3]) {
                // e.g. [N, 3, 4, 4] could be 3 channels of 4×4 or 4×4 images of 4 channels... only squareness decides
                last = s[1] == s[2];
                first = s[2] == s[3];
            }
            if (last == first) {
                throw new IOException(file + " has shape " + Arrays.toString(s) + ", which reads both as N×H×W×C and as"
                        + " N×C×H×W; save it as N×H×W×C with np.save(path, np.moveaxis(x, 1, -1)) if it is channels-first");
            }
            channelsLast = last;
            n = s[0]; c = last ? s[3] : s[1]; h = last ? s[1] : s[2]; w = last ? s[2] : s[3];
        } else {
            throw new IOException(file + " has shape " + Arrays.toString(s) + "; image arrays are N×H×W, N×H×W×C or"
                    + " N×C×H×W with C = " + CHANNELS);
        }
        if (n == 0 || h == 0 || w == 0) {
            throw new IOException(file + " holds no images (shape " + Arrays.toString(s) + "); save a non-empty array");
        }
        float scale = scale(file, a);
        List<String> notes = new ArrayList<>();
        if (scale == 255f) {
            notes.add("uint8 values were divided by 255");
        } else if (scale == 65535f) {
            notes.add("uint16 values were divided by 65535");
        }
        if (c == 4) {
            notes.add("the fourth channel (alpha) was dropped");
        }
        int keep = c == 4 ? 3 : c;
        int outC = channels != 0 ? channels : keep, outH = size != 0 ? size : h, outW = size != 0 ? size : w;
        if (outC != keep) {
            notes.add(keep == 1 ? "grayscale images were repeated into three channels as requested"
                    : "colour images were converted to grayscale (BT.601 luma) as requested");
        }
        if (size != 0) {
            notes.add("every image was centre-cropped to a square and resized to " + size + "×" + size);
        }
        float[] src = a.values();
        int plane = h * w, outPlane = outC * outH * outW;
        float[] values = new float[Math.multiplyExact(n, outPlane)];
        for (int i = 0; i < n; i++) {
            float[] chw = new float[keep * plane];
            for (int k = 0; k < keep; k++) {
                for (int p = 0; p < plane; p++) {
                    // + 0f turns a float file's −0 into +0: −0 passes the [0, 1] check above but
                    // sorts below 0 wherever values are compared as Float.compare does.
                    chw[k * plane + p] = src[channelsLast ? (i * plane + p) * c + k : (i * c + k) * plane + p] / scale + 0f;
                }
            }
            Pixels img = new Pixels(chw, keep, h, w, c == 4);
            img = size != 0 ? img.squareResized(size) : img;
            System.arraycopy(img.withChannels(outC).values(), 0, values, i * outPlane, outPlane);
        }
        List<String> classes = new ArrayList<>();
        int[] labels = labelsOrNull == null ? null : labels(labelsOrNull, n, file, classes);
        String name = file.getFileName().toString().replaceFirst("(?i)\\.npy$", "");
        ArrayDataset data = ArrayDataset.owning(name, values, new int[] {outC, outH, outW}, labels);
        if (labelsOrNull != null) {
            notes.add("labels from " + labelsOrNull.toAbsolutePath().normalize() + " (sha256 "
                    + Mnist.sha256(read(labelsOrNull)) + ")");
        }
        return new ImageSet(data, classes, file.toAbsolutePath().normalize().toString(), "npy",
                Mnist.sha256(bytes), notes);
    }

    private static boolean isChannels(int d) {
        return d == 1 || d == 3 || d == 4;
    }

    /** 255 for uint8, 65535 for uint16, 1 for floats in [0, 1]; anything else is refused with its fix. */
    private static float scale(Path file, Npy.Converted a) throws IOException {
        switch (a.dtype()) {
            case "u1":
                return 255f;
            case "u2":
                return 65535f;
            case "f4", "f8":
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (float v : a.values()) {
                    if (Float.isNaN(v)) {
                        throw new IOException(file + " holds NaN values; replace them (np.nan_to_num) before training");
                    }
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                if (lo < 0 || hi > 1) {
                    throw new IOException(String.format(Locale.ROOT, "%s holds floats from %g to %g, but float images must"
                            + " lie in [0, 1]; rescale them, e.g. (x + 1) / 2 for [-1, 1] or x / 255 for 0..255", file, lo, hi));
                }
                return 1f;
            default:
                throw new IOException(file + " holds dtype " + a.dtype() + "; images must be uint8 (0..255), uint16 or"
                        + " float in [0, 1]: convert with x.astype('uint8') or (x / x.max()).astype('float32')");
        }
    }

    private static int[] labels(Path file, int n, Path images, List<String> classes) throws IOException {
        Npy.Converted l = Npy.readConverted(file);
        if (l.shape().length != 1 || l.shape()[0] != n) {
            throw new IOException(file + " has shape " + Arrays.toString(l.shape()) + " but " + images + " holds " + n
                    + " images; labels must be one whole number per image, shape [" + n + "]");
        }
        int[] out = new int[n];
        int max = -1;
        for (int i = 0; i < n; i++) {
            float v = l.values()[i];
            if (v != Math.rint(v) || v < 0 || v > 1_000_000) {
                throw new IOException(file + " holds label " + v + " at index " + i + "; labels must be whole numbers from"
                        + " 0 (class indices), e.g. np.save(path, y.astype('int64'))");
            }
            out[i] = (int) v;
            max = Math.max(max, out[i]);
        }
        for (int i = 0; i <= max; i++) {
            classes.add(Integer.toString(i));
        }
        return out;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("No file at " + file + "; check the path", e);
        }
    }
}
