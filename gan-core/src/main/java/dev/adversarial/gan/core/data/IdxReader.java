package dev.adversarial.gan.core.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads files in the IDX format of LeCun's MNIST distribution (also used by Fashion-MNIST).
 *
 * <p>Layout: a 4-byte magic number {@code 0x00 0x00 TYPE DIMS}, then DIMS big-endian 32-bit
 * sizes, then the data in row-major order. Only unsigned bytes ({@code TYPE = 0x08}) are
 * supported, which is what every MNIST-family file uses. A file may be stored raw or gzipped;
 * gzip is recognised by its magic bytes {@code 1f 8b}, never by the file name, because
 * distributions disagree (npm ships raw files, Debian ships {@code .gz}, and browsers sometimes
 * unpack a download but keep the suffix).
 *
 * <p>Every defect is reported as an {@link IOException} whose message names the file, says what
 * was wrong and what was expected: a wrong magic number, an unsupported type, an empty header,
 * a truncated file and trailing bytes each get their own message. Files are read in bulk (one
 * {@code readAllBytes}), so a 47 MB image file loads in tens of milliseconds.
 */
public final class IdxReader {
    /** IDX data type code for unsigned bytes, the only one supported. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxReader() {
    }

    /**
     * The decoded content of one IDX file.
     *
     * @param source where it came from, for error messages
     * @param dims the sizes from the header, outermost first (e.g. [60000, 28, 28])
     * @param data the unsigned bytes, row-major, {@code product(dims)} long; read-only by convention
     */
    public record IdxArray(String source, int[] dims, byte[] data) {
        /** The outermost dimension: the number of examples. */
        public int count() {
            return dims[0];
        }

        /** Elements per example: the product of all dimensions but the first. */
        public int exampleSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }

        /** Element {@code i} as an unsigned value 0..255. */
        public int unsigned(int i) {
            return data[i] & 0xFF;
        }

        @Override
        public String toString() {
            return "IdxArray[" + source + ", dims=" + Arrays.toString(dims) + "]";
        }
    }

    /**
     * An image file and its label file, checked to hold the same number of examples.
     * {@link #toDataset} turns any range of it into an {@link ArrayDataset} without first
     * building a dataset of the whole file, which keeps the peak memory of a split low.
     */
    public record LabelledImages(IdxArray images, int[] labels) {
        public int count() {
            return images.count();
        }

        /** Examples [from, to) as a dataset with flat example dimensions [rows·cols], pixels / 255. */
        public ArrayDataset toDataset(String name, int from, int to) {
            if (from < 0 || to > count() || from > to) {
                throw new IllegalArgumentException("Range [" + from + ", " + to + ") is outside the "
                        + count() + " examples of " + images.source());
            }
            int size = images.exampleSize();
            return ArrayDataset.fromUnsignedBytes(name, images.data(), from * size, (to - from), new int[] {size},
                    Arrays.copyOfRange(labels, from, to));
        }
    }

    /** Reads one IDX file, raw or gzipped. */
    public static IdxArray read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        }
        return parse(bytes, file.toString());
    }

    /**
     * Decodes IDX content already in memory (raw or gzipped). {@code source} names it in messages.
     * Used by {@link Mnist}, which reads each file once both to verify its hash and to decode it.
     */
    public static IdxArray parse(byte[] bytes, String source) throws IOException {
        byte[] raw = isGzip(bytes) ? gunzip(bytes, source) : bytes;
        if (raw.length < 4) {
            throw new IOException(source + ": truncated IDX file: expected at least 4 bytes for the magic number,"
                    + " found " + raw.length + " bytes");
        }
        int b0 = raw[0] & 0xFF, b1 = raw[1] & 0xFF, type = raw[2] & 0xFF, rank = raw[3] & 0xFF;
        if (b0 != 0 || b1 != 0) {
            throw new IOException(String.format("%s: not an IDX file: wrong magic number 0x%02X%02X%02X%02X;"
                    + " expected 0x0000TTDD (two zero bytes, the data type TT = 0x08 for unsigned bytes, the number"
                    + " of dimensions DD), e.g. 0x00000803 for images or 0x00000801 for labels",
                    source, b0, b1, type, rank));
        }
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new IOException(String.format("%s: unsupported IDX data type 0x%02X (%s); only unsigned bytes"
                    + " (0x08) are supported", source, type, typeName(type)));
        }
        if (rank == 0) {
            throw new IOException(source + ": empty IDX header: the magic number declares zero dimensions;"
                    + " an image file has 3 (count, rows, columns) and a label file 1 (count)");
        }
        long headerBytes = 4L + 4L * rank;
        if (raw.length < headerBytes) {
            throw new IOException(source + ": truncated IDX file: expected a header of " + headerBytes + " bytes for "
                    + rank + " dimensions, found only " + raw.length + " bytes");
        }
        int[] dims = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            int p = 4 + 4 * i;
            long d = ((raw[p] & 0xFFL) << 24) | ((raw[p + 1] & 0xFFL) << 16) | ((raw[p + 2] & 0xFFL) << 8) | (raw[p + 3] & 0xFFL);
            if (d == 0) {
                throw new IOException(source + ": empty IDX file: dimension " + i + " of " + rank
                        + " is 0 in the header; every dimension must be at least 1");
            }
            if (d > Integer.MAX_VALUE) {
                throw new IOException(source + ": corrupt IDX header: dimension " + i + " is " + d
                        + ", more than a Java array can hold");
            }
            dims[i] = (int) d;
            elements *= d;
        }
        long expected = headerBytes + elements;
        if (expected > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": IDX header declares " + Arrays.toString(dims) + " = " + elements
                    + " bytes of data, more than a Java array can hold");
        }
        if (raw.length < expected) {
            throw new IOException(source + ": truncated IDX file: expected " + expected + " bytes (" + headerBytes
                    + "-byte header + " + elements + " data bytes for dimensions " + Arrays.toString(dims)
                    + "), found " + raw.length + " bytes (" + (expected - raw.length) + " missing);"
                    + " the download was probably cut short");
        }
        if (raw.length > expected) {
            throw new IOException(source + ": trailing garbage after the IDX data: expected " + expected
                    + " bytes (" + headerBytes + "-byte header + " + elements + " data bytes for dimensions "
                    + Arrays.toString(dims) + "), found " + raw.length + " bytes (" + (raw.length - expected)
                    + " extra); the file is not what its header says");
        }
        return new IdxArray(source, dims, Arrays.copyOfRange(raw, (int) headerBytes, (int) expected));
    }

    /** Reads an image file [n, rows, cols] and a label file [n], and checks that the counts agree. */
    public static LabelledImages readImagesAndLabels(Path images, Path labels) throws IOException {
        return checkImagesAndLabels(read(images), read(labels));
    }

    /** The checks of {@link #readImagesAndLabels} on content already decoded. */
    public static LabelledImages checkImagesAndLabels(IdxArray images, IdxArray labels) throws IOException {
        if (images.dims().length != 3) {
            throw new IOException(images.source() + ": expected an image file with 3 dimensions [count, rows, columns],"
                    + " found " + images.dims().length + " dimensions " + Arrays.toString(images.dims()));
        }
        if (labels.dims().length != 1) {
            throw new IOException(labels.source() + ": expected a label file with 1 dimension [count], found "
                    + labels.dims().length + " dimensions " + Arrays.toString(labels.dims()));
        }
        if (images.count() != labels.count()) {
            throw new IOException("Image and label files disagree: " + images.source() + " holds " + images.count()
                    + " images but " + labels.source() + " holds " + labels.count()
                    + " labels; they must come from the same release (e.g. both train or both t10k)");
        }
        int[] l = new int[labels.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.unsigned(i);
        }
        return new LabelledImages(images, l);
    }

    /** Whether the bytes start with the gzip magic number. */
    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == GZIP_MAGIC_0 && (bytes[1] & 0xFF) == GZIP_MAGIC_1;
    }

    private static byte[] gunzip(byte[] bytes, String source) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(source + ": gzip data is corrupt or truncated (" + e.getMessage()
                    + "); download the file again", e);
        }
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "16-bit integer";
            case 0x0C -> "32-bit integer";
            case 0x0D -> "32-bit float";
            case 0x0E -> "64-bit float";
            default -> "not an IDX type at all";
        };
    }
}
