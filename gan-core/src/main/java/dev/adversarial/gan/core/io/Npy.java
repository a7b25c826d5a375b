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
 * wrote. {@link #read} takes little-endian float32 in C order only; anything else is refused with
 * the reason and the NumPy call that converts it. {@link #readConverted} takes any plain numeric
 * dtype in C order (uint8 images, int64 labels, float64 arrays) and converts it to float32.
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
        requireCount(shape, values.length);
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        write(file, "<f4", shape, data.array());
    }

    /** A 1-D int64 array, NumPy's default integer type (as class labels are usually saved). */
    public static void writeInt64(Path file, int[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putLong(v);
        }
        write(file, "<i8", new int[] {values.length}, data.array());
    }

    private static void requireCount(int[] shape, int count) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + count);
        }
    }

    private static void write(Path file, String descr, int[] shape, byte[] data) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        // The header (magic, version, length, dict, newline) is padded to a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        buf.put(data);
        AtomicFiles.write(file, out -> out.write(buf.array()));
    }

    public static Array read(Path file) throws IOException {
        return parse(readBytes(file), file.toString());
    }

    /** Decodes .npy content already in memory; every defect is an {@link IOException} naming {@code file}. */
    public static Array parse(byte[] all, String file) throws IOException {
        Header h = header(file, all);
        if (!h.descr().equals("<f4") && !h.descr().equals("=f4") && !h.descr().equals("f4")) {
            throw bad(file, "it holds dtype '" + h.descr() + "'; only little-endian float32 is supported:"
                    + " convert with np.save(path, array.astype('<f4'))");
        }
        return new Array(h.shape(), convert(file, all, h, 'f', 4, ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An array of any plain numeric dtype (bool, signed and unsigned integers of 1 to 8 bytes,
     * float32, float64, either byte order) converted to float32, with the dtype it had, for
     * readers that interpret the values themselves (uint8 pixels, int64 labels). Integers above
     * 2^24 lose precision in the conversion; callers that need exact integers check the range.
     *
     * @param dtype NumPy's type code without its byte order, e.g. "u1", "i8", "f4"
     */
    public record Converted(int[] shape, String dtype, float[] values) {
    }

    /** Reads {@code file} as {@link Converted}; a dtype that is not a plain number is refused. */
    public static Converted readConverted(Path file) throws IOException {
        byte[] all = readBytes(file);
        return readConverted(file, all);
    }

    /** {@link #readConverted(Path)} on bytes already read (so a caller can also hash them). */
    public static Converted readConverted(Path file, byte[] all) throws IOException {
        return parseConverted(all, file.toString());
    }

    /** {@link #readConverted(Path)} on content in memory, naming {@code file} in errors. */
    public static Converted parseConverted(byte[] all, String file) throws IOException {
        Header h = header(file, all);
        String d = h.descr();
        ByteOrder order = d.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String code = d.replaceFirst("^[<>|=]", "");
        if (code.length() != 2 || "buif".indexOf(code.charAt(0)) < 0 || "1248".indexOf(code.charAt(1)) < 0
                || (code.charAt(0) == 'f' && code.charAt(1) != '4' && code.charAt(1) != '8')
                || (code.charAt(0) == 'b' && code.charAt(1) != '1')) {
            throw bad(file, "it holds dtype '" + d + "', which is not a plain number; save it as uint8 or float32,"
                    + " e.g. np.save(path, array.astype('float32'))");
        }
        return new Converted(h.shape(), code, convert(file, all, h, code.charAt(0), code.charAt(1) - '0', order));
    }

    private static byte[] readBytes(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a .npy file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("No .npy file at " + file, e);
        }
    }

    private record Header(String descr, int[] shape, int dataStart) {
    }

    private static Header header(String file, byte[] all) throws IOException {
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
            if (n > Integer.MAX_VALUE / 8) {
                throw bad(file, "its shape (" + shapeText + ") holds more values than a Java array can");
            }
        }
        return new Header(descr, shape, headerStart + headerLen);
    }

    /** The data after the header as float32, checking that the file holds exactly the shape's elements. */
    private static float[] convert(String file, byte[] all, Header h, char kind, int bytes, ByteOrder order) throws IOException {
        long n = 1;
        for (int d : h.shape()) {
            n *= d;
        }
        if ((long) all.length - h.dataStart() != n * bytes) {
            throw bad(file, "shape " + Arrays.toString(h.shape()) + " needs " + n * bytes + " bytes of data but the file"
                    + " has " + (all.length - h.dataStart()) + " (truncated?)");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw bad(file, "its " + n + " elements do not fit one Java array; split it into smaller files");
        }
        float[] values = new float[(int) n];
        ByteBuffer b = ByteBuffer.wrap(all, h.dataStart(), (int) n * bytes).slice().order(order);
        if (kind == 'f' && bytes == 4) {
            b.asFloatBuffer().get(values);
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            int at = i * bytes;
            values[i] = switch (kind) {
                case 'f' -> (float) b.getDouble(at);
                case 'u', 'b' -> switch (bytes) {
                    case 1 -> Byte.toUnsignedInt(b.get(at));
                    case 2 -> Short.toUnsignedInt(b.getShort(at));
                    case 4 -> Integer.toUnsignedLong(b.getInt(at));
                    default -> (float) unsigned(b.getLong(at));
                };
                default -> switch (bytes) {
                    case 1 -> b.get(at);
                    case 2 -> b.getShort(at);
                    case 4 -> b.getInt(at);
                    default -> b.getLong(at);
                };
            };
        }
        return values;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
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
