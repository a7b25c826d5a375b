package dev.adversarial.gan.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (version 1.0) for float32 arrays, so samples and noise vectors move
 * between this project and Python unchanged: {@code np.load("s.npy")} reads what {@link #write}
 * wrote. Only little-endian float32 in C order is supported; anything else is refused with
 * the reason and the NumPy call that converts it.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** An array read from or written to a .npy file. */
    public record Array(int[] shape, float[] values) {
        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** Values per row (the product of all dimensions after the first). */
        public int rowSize() {
            int n = 1;
            for (int i = 1; i < shape.length; i++) {
                n *= shape[i];
            }
            return n;
        }
    }

    public static void write(Path file, int[] shape, float[] values) throws IOException {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
        }
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        // The header (magic, version, length, dict, newline) is padded to a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(padded + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(values);
        AtomicFiles.write(file, out -> out.write(buf.array()));
    }

    public static Array read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a .npy file");
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("No .npy file at " + file, e);
        }
        return parse(all, file.toString());
    }

    /** Decodes .npy content already in memory; every defect is an {@link IOException} naming {@code file}. */
    public static Array parse(byte[] all, String file) throws IOException {
        if (all.length < 10 || !Arrays.equals(Arrays.copyOf(all, 6), MAGIC)) {
            throw bad(file, "it does not start with the .npy magic bytes (\\x93NUMPY)");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (all.length < 12) {
                throw bad(file, "it ends inside its version " + major + " preamble (truncated?)");
            }
            headerLen = buf.getInt(8);
            headerStart = 12;
        } else {
            throw bad(file, "it has format version " + major + ", which this reader does not know");
        }
        if (headerLen < 0 || (long) headerStart + headerLen > all.length) {
            throw bad(file, "its header runs past the end of the file (truncated?)");
        }
        String header = new String(all, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, file, "descr");
        if (!descr.equals("<f4") && !descr.equals("=f4") && !descr.equals("f4")) {
            throw bad(file, "it holds dtype '" + descr + "'; only little-endian float32 is supported:"
                    + " convert with np.save(path, array.astype('<f4'))");
        }
        if (find(ORDER, header, file, "fortran_order").equals("True")) {
            throw bad(file, "it is in Fortran order; save np.ascontiguousarray(array) instead");
        }
        String shapeText = find(SHAPE, header, file, "shape");
        int[] shape;
        try {
            shape = Arrays.stream(shapeText.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw bad(file, "its shape (" + shapeText + ") is not a list of whole numbers");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw bad(file, "its shape (" + shapeText + ") has a negative dimension");
            }
            n *= d;
            if (n > Integer.MAX_VALUE / 4) {
                throw bad(file, "its shape (" + shapeText + ") holds more values than a Java array can");
            }
        }
        int dataStart = headerStart + headerLen;
        if ((long) all.length - dataStart != n * 4) {
            throw bad(file, "shape " + Arrays.toString(shape) + " needs " + n * 4 + " bytes of data but the file has "
                    + (all.length - dataStart) + " (truncated?)");
        }
        float[] values = new float[(int) n];
        ByteBuffer.wrap(all, dataStart, (int) n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new Array(shape, values);
    }

    private static String find(Pattern p, String header, String file, String key) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(file, "its header has no '" + key + "' entry");
        }
        return m.group(1);
    }

    private static IOException bad(String file, String why) {
        return new IOException("Cannot read " + file + " as .npy: " + why);
    }
}
