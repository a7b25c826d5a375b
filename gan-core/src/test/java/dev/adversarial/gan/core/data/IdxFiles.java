package dev.adversarial.gan.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory for tests: valid ones and deliberately broken ones. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** A valid unsigned-byte IDX file with the given dimensions and data. */
    static byte[] idx(int[] dims, byte[] data) {
        return header(0x08, dims, data);
    }

    /** An IDX file with an arbitrary type code (for the unsupported-type cases). */
    static byte[] header(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** {@code n} images of rows×cols whose pixel k of image i is (i·31 + k·7) mod 256. */
    static byte[] images(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                data[i * rows * cols + k] = (byte) pixel(i, k);
            }
        }
        return idx(new int[] {n, rows, cols}, data);
    }

    static int pixel(int image, int k) {
        return (image * 31 + k * 7) & 0xFF;
    }

    /** {@code n} labels, label i = i mod 10. */
    static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return idx(new int[] {n}, data);
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
