package dev.adversarial.gan.core.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * One image as floats in [0, 1], channel-major (CHW), and the operations the readers apply to
 * it: conversion between grayscale and RGB, and centre-crop plus resize to a square.
 *
 * @param values   channels × height × width values
 * @param hadAlpha whether the source had an alpha channel (dropped here: the models draw opaque
 *                 images)
 */
record Pixels(float[] values, int channels, int height, int width, boolean hadAlpha) {
    /** ITU-R BT.601 luma weights, as PIL's convert("L") and OpenCV's RGB2GRAY use. */
    private static final float[] LUMA = {0.299f, 0.587f, 0.114f};

    /**
     * The colour samples of {@code img}, each divided by its maximum (255 for 8 bits, 65535 for
     * 16-bit PNGs). Grayscale stays one channel; a palette becomes RGB unless all its entries
     * are gray; colour spaces other than sRGB and gray (CMYK JPEGs, ICC profiles) go through
     * Java2D's conversion to sRGB. Alpha is dropped.
     */
    static Pixels of(BufferedImage img) {
        int h = img.getHeight(), w = img.getWidth();
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        if (cm instanceof IndexColorModel icm) {
            boolean gray = true;
            for (int i = 0; i < icm.getMapSize() && gray; i++) {
                gray = icm.getRed(i) == icm.getGreen(i) && icm.getGreen(i) == icm.getBlue(i);
            }
            int c = gray ? 1 : 3;
            float[] v = new float[c * h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = icm.getRGB(r.getSample(x, y, 0));
                    for (int k = 0; k < c; k++) {
                        v[(k * h + y) * w + x] = ((rgb >> (16 - 8 * (gray ? 2 : k))) & 0xFF) / 255f;
                    }
                }
            }
            return new Pixels(v, c, h, w, icm.hasAlpha());
        }
        int colours = cm.getNumColorComponents();
        ColorSpace cs = cm.getColorSpace();
        boolean direct = (colours == 1 && cs.getType() == ColorSpace.TYPE_GRAY) || (colours == 3 && cs.isCS_sRGB());
        if (!direct) {
            float[] v = new float[3 * h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    for (int k = 0; k < 3; k++) {
                        v[(k * h + y) * w + x] = ((rgb >> (16 - 8 * k)) & 0xFF) / 255f;
                    }
                }
            }
            return new Pixels(v, 3, h, w, cm.hasAlpha());
        }
        float[] v = new float[colours * h * w];
        for (int k = 0; k < colours; k++) {
            float max = (float) ((1L << cm.getComponentSize(k)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(k * h + y) * w + x] = r.getSample(x, y, k) / max;
                }
            }
        }
        return new Pixels(v, colours, h, w, cm.hasAlpha());
    }

    /** This image with {@code c} channels: gray repeated into RGB, or RGB reduced to BT.601 luma. */
    Pixels withChannels(int c) {
        if (c == channels) {
            return this;
        }
        int plane = height * width;
        float[] v = new float[c * plane];
        if (channels == 1) {
            for (int k = 0; k < c; k++) {
                System.arraycopy(values, 0, v, k * plane, plane);
            }
        } else if (c == 1) {
            for (int i = 0; i < plane; i++) {
                v[i] = Math.min(1f, LUMA[0] * values[i] + LUMA[1] * values[plane + i] + LUMA[2] * values[2 * plane + i]);
            }
        } else {
            throw new IllegalArgumentException("Cannot convert " + channels + " channels to " + c);
        }
        return new Pixels(v, c, height, width, hadAlpha);
    }

    /**
     * The largest centred square of this image resized to size × size: averaging over each
     * output pixel's footprint when shrinking (no aliasing), bilinear with half-pixel centres
     * when enlarging (PyTorch's align_corners=False).
     */
    Pixels squareResized(int size) {
        int side = Math.min(height, width);
        if (side == size && height == width) {
            return this;
        }
        int top = (height - side) / 2, left = (width - side) / 2;
        Weights ws = Weights.of(side, size);
        float[] rows = new float[channels * side * size]; // [c][y][ox], y over the crop
        for (int k = 0; k < channels; k++) {
            for (int y = 0; y < side; y++) {
                int in = (k * height + top + y) * width + left, out = (k * side + y) * size;
                for (int o = 0; o < size; o++) {
                    rows[out + o] = ws.apply(values, in, 1, o);
                }
            }
        }
        float[] v = new float[channels * size * size];
        for (int k = 0; k < channels; k++) {
            for (int o = 0; o < size; o++) {
                for (int x = 0; x < size; x++) {
                    v[(k * size + o) * size + x] = ws.apply(rows, k * side * size + x, size, o);
                }
            }
        }
        return new Pixels(v, channels, size, size, hadAlpha);
    }

    /** A 1-D resampling from n to m positions: output o is sum_j weight[o][j] · input[first[o] + j]. */
    private record Weights(int[] first, float[][] weight) {
        static Weights of(int n, int m) {
            int[] first = new int[m];
            float[][] weight = new float[m][];
            double scale = (double) n / m;
            for (int o = 0; o < m; o++) {
                if (m <= n) {
                    double lo = o * scale, hi = (o + 1) * scale;
                    int a = (int) Math.floor(lo), b = Math.min(n, (int) Math.ceil(hi));
                    first[o] = a;
                    weight[o] = new float[b - a];
                    for (int i = a; i < b; i++) {
                        weight[o][i - a] = (float) ((Math.min(hi, i + 1) - Math.max(lo, i)) / scale);
                    }
                } else {
                    double src = Math.max(0, Math.min(n - 1, (o + 0.5) * scale - 0.5));
                    int a = Math.min((int) Math.floor(src), n - 1);
                    float f = (float) (src - a);
                    first[o] = a;
                    weight[o] = a + 1 < n ? new float[] {1 - f, f} : new float[] {1};
                }
            }
            return new Weights(first, weight);
        }

        float apply(float[] v, int start, int stride, int o) {
            float s = 0;
            float[] w = weight[o];
            for (int j = 0; j < w.length; j++) {
                s += w[j] * v[start + (first[o] + j) * stride];
            }
            return s;
        }
    }
}
