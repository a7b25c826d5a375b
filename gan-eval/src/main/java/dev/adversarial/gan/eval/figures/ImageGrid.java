package dev.adversarial.gan.eval.figures;

import dev.adversarial.gan.core.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Lays images (values in [0, 1]; grayscale row-major, or colour channel-major as CHW) out in a
 * grid and writes a PNG, as the paper's Figures 2 and 3 do. Cells are separated by a thin border; a column can be framed to
 * set it apart (Figure 2's nearest training examples).
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * @param images       rows·cols images of height·width values each, in grid order (row by row)
     * @param scale        pixels per image pixel
     * @param framedColumn a column to outline in colour, or -1
     */
    public static BufferedImage render(float[][] images, int rows, int cols, int height, int width, int scale,
                                       int framedColumn) {
        return render(images, rows, cols, 1, height, width, scale, framedColumn);
    }

    /**
     * {@link #render(float[][], int, int, int, int, int, int)} for images of 1 (gray) or 3 (RGB)
     * channels, each channels·height·width values in CHW order.
     */
    public static BufferedImage render(float[][] images, int rows, int cols, int channels, int height, int width,
                                       int scale, int framedColumn) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images have 1 (gray) or 3 (RGB) channels, got " + channels);
        }
        if (images.length > rows * cols) {
            throw new IllegalArgumentException(images.length + " images do not fit a " + rows + "x" + cols + " grid");
        }
        int pad = 2, cellW = width * scale, cellH = height * scale;
        BufferedImage img = new BufferedImage(cols * (cellW + pad) + pad, rows * (cellH + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D gfx = img.createGraphics();
        gfx.setColor(new Color(90, 90, 90));
        gfx.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != channels * height * width) {
                throw new IllegalArgumentException("Image " + i + " has " + images[i].length + " values, expected "
                        + channels + "x" + height + "x" + width);
            }
            int x0 = pad + (i % cols) * (cellW + pad), y0 = pad + (i / cols) * (cellH + pad);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int plane = height * width, at = y * width + x, v = level(images[i][at]);
                    gfx.setColor(channels == 1 ? new Color(v, v, v)
                            : new Color(v, level(images[i][plane + at]), level(images[i][2 * plane + at])));
                    gfx.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                }
            }
        }
        if (framedColumn >= 0) {
            gfx.setColor(new Color(230, 180, 30));
            int x0 = framedColumn * (cellW + pad);
            gfx.drawRect(x0, 0, cellW + pad + 1, img.getHeight() - 1);
            gfx.drawRect(x0 + 1, 1, cellW + pad - 1, img.getHeight() - 3);
        }
        gfx.dispose();
        return img;
    }

    private static int level(float v) {
        return Math.round(255 * Math.min(1f, Math.max(0f, v)));
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("No PNG writer is available in this JVM");
            }
        });
    }

    /** Splits an [n, size] row-major block into n images of size values. */
    public static float[][] split(float[] values, int n, int size) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(values, i * size, (i + 1) * size);
        }
        return out;
    }
}
