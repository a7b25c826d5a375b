package dev.adversarial.gan.core.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes checkpoints in the safetensors layout, so that Python's {@code safetensors}
 * package can open them too: an 8-byte little-endian header length N, N bytes of JSON mapping
 * each tensor name to {@code {"dtype":"F32","shape":[…],"data_offsets":[begin,end]}} plus a
 * {@code "__metadata__"} map of strings, then the raw little-endian float32 data. Never Java
 * serialization. Writes are atomic: a temporary file in the same directory, forced to disk, then
 * renamed.
 *
 * <p>Integrity ({@value #FORMAT}): the header begins with the metadata's {@code sha256} entry, and
 * that SHA-256 covers the whole file, header included, with its own 64 hex digits read as
 * {@code '0'}. Putting the digest at a fixed place lets a reader check the exact bytes before
 * trusting any of them, so a damaged tensor name, shape or metadata entry (the epoch, the Rng
 * state) is refused as surely as damaged weights. Files of the first format
 * ({@code gan-checkpoint/1}, whose {@code data_sha256} covered only the data section) are still
 * read and verified that way; re-saving one (any resumed epoch does) upgrades it.
 *
 * <p>Since {@value #FORMAT}, the metadata is typed provenance flattened one fact per entry
 * ({@code settings.lr}, not a JSON object inside a string) and the Rng state is an {@code I64}
 * array ({@link Checkpoint#RNG_STATE}). Files of the earlier formats are read through
 * {@link LegacyCheckpointReader}, which converts them to that shape on the way in.
 */
public final class CheckpointFormat {
    public static final String FORMAT = "gan-checkpoint/3";
    /** The first format: its checksum covered only the data section. */
    static final String LEGACY_FORMAT = "gan-checkpoint/1";
    /** Whole-file checksum, but settings as JSON in a string and the Rng state as comma-joined numbers. */
    static final String PREVIOUS_FORMAT = "gan-checkpoint/2";
    private static final String FORMAT_PREFIX = "gan-checkpoint/";
    static final String CHECKSUM = "sha256";
    static final String LEGACY_CHECKSUM = "data_sha256";
    /** The header's first bytes in this format, up to the digest's first hex digit. */
    private static final byte[] CHECKSUM_PREFIX = ("{\"__metadata__\":{\"" + CHECKSUM + "\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_AT = 8 + CHECKSUM_PREFIX.length;
    private static final int DIGEST_CHARS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private CheckpointFormat() {
    }

    public static void write(Path file, Checkpoint c) throws IOException {
        List<String> names = new ArrayList<>(c.tensors().keySet());
        List<String> integerNames = new ArrayList<>(c.integers().keySet());
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(CHECKSUM, "0".repeat(DIGEST_CHARS));
        meta.put("format", FORMAT);
        c.metadata().forEach((k, v) -> {
            if (!k.equals(CHECKSUM) && !k.equals(LEGACY_CHECKSUM) && !k.equals("format")) {
                meta.put(k, v);
            }
        });
        header.put("__metadata__", meta);
        long offset = 0;
        for (String name : names) {
            if (name.equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
            Checkpoint.Entry e = c.tensors().get(name);
            long bytes = (long) e.values().length * Float.BYTES;
            header.put(name, entrySpec("F32", e.shape(), offset, offset + bytes));
            offset += bytes;
        }
        for (String name : integerNames) {
            if (name.equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name an array");
            }
            long[] v = c.integers().get(name);
            long bytes = (long) v.length * Long.BYTES;
            header.put(name, entrySpec("I64", new int[] {v.length}, offset, offset + bytes));
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        // safetensors pads the header with spaces to a multiple of 8 so the data is aligned.
        int padded = (json.length + 7) & ~7;
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        all.putLong(padded).put(json);
        while (all.position() < 8 + padded) {
            all.put((byte) ' ');
        }
        for (String name : names) {
            for (float v : c.tensors().get(name).values()) {
                all.putFloat(v);
            }
        }
        for (String name : integerNames) {
            for (long v : c.integers().get(name)) {
                all.putLong(v);
            }
        }
        byte[] bytes = all.array();
        byte[] digest = wholeFileDigest(bytes).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digest, 0, bytes, DIGEST_AT, DIGEST_CHARS);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** One header entry, its fields in a fixed order so that the same checkpoint is always the same bytes. */
    private static Map<String, Object> entrySpec(String dtype, int[] shape, long begin, long end) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dtype", dtype);
        spec.put("shape", shape);
        spec.put("data_offsets", new long[] {begin, end});
        return spec;
    }

    public static Checkpoint read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a checkpoint file; pass a checkpoint inside it such as "
                    + suggestion(file));
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("No checkpoint at " + file + " (is the path right? checkpoints are written to"
                    + " RUN_DIR/checkpoints/latest)", e);
        }
        return parse(all, file);
    }

    /** Decodes a checkpoint already in memory; every defect is an {@link IOException} naming {@code file}. */
    public static Checkpoint parse(byte[] all, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 8) {
            throw corrupt(file, "it has " + all.length + " bytes, fewer than the 8-byte header length");
        }
        long n = buf.getLong();
        if (n <= 0 || n > MAX_HEADER || 8 + n > all.length) {
            throw corrupt(file, "its header length field says " + n + " bytes but the file has " + all.length
                    + " (truncated, or not a checkpoint)");
        }
        boolean wholeFileChecksum = n >= CHECKSUM_PREFIX.length + DIGEST_CHARS
                && Arrays.equals(all, 8, DIGEST_AT, CHECKSUM_PREFIX, 0, CHECKSUM_PREFIX.length);
        if (wholeFileChecksum) {
            String expected = new String(all, DIGEST_AT, DIGEST_CHARS, StandardCharsets.ISO_8859_1);
            String actual = wholeFileDigest(all);
            if (!expected.equals(actual)) {
                throw corrupt(file, "its contents do not match the checksum in its header (expected SHA-256 "
                        + expected + ", found " + actual + "); the file was damaged or truncated");
            }
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(all, 8, (int) n, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw corrupt(file, "its JSON header does not parse: " + e.getMessage());
        }
        if (header == null) {
            throw corrupt(file, "its JSON header is null instead of an object");
        }
        int dataStart = (int) (8 + n);
        int dataLength = all.length - dataStart;
        Map<String, String> meta = new LinkedHashMap<>();
        Object rawMeta = header.remove("__metadata__");
        if (rawMeta instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(String.valueOf(k), String.valueOf(v)));
        } else if (rawMeta != null) {
            throw corrupt(file, "its __metadata__ entry is not a map of strings");
        }
        verifyByFormat(file, meta, wholeFileChecksum, all, dataStart);
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        Map<String, long[]> integers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> spec && "I64".equals(spec.get("dtype"))) {
                integers.put(e.getKey(), integerEntry(file, e.getKey(), spec, all, dataStart, dataLength));
            } else {
                tensors.put(e.getKey(), entry(file, e.getKey(), e.getValue(), all, dataStart, dataLength));
            }
        }
        Checkpoint c = new Checkpoint(tensors, integers, meta);
        return FORMAT.equals(meta.get("format")) ? c : LegacyCheckpointReader.upgrade(c, file);
    }

    /** The checks that depend on which format the file claims, once the header has parsed. */
    private static void verifyByFormat(Path file, Map<String, String> meta, boolean checkedWholeFile, byte[] all,
                                       int dataStart) throws IOException {
        String format = meta.get("format");
        if (format != null && format.startsWith(FORMAT_PREFIX) && !format.equals(FORMAT) && !format.equals(LEGACY_FORMAT)
                && !format.equals(PREVIOUS_FORMAT)) {
            throw corrupt(file, "it is in format '" + format + "', newer than this version of gan reads ("
                    + FORMAT + "); use the gan version that wrote it or a newer one");
        }
        if ((FORMAT.equals(format) || PREVIOUS_FORMAT.equals(format)) && !checkedWholeFile) {
            throw corrupt(file, "it claims format " + format + " but its header does not begin with the checksum"
                    + " that format puts there; the file was damaged or edited");
        }
        String legacy = meta.get(LEGACY_CHECKSUM);
        if (!checkedWholeFile && legacy != null) {
            String actual = sha256(Arrays.copyOfRange(all, dataStart, all.length));
            if (!legacy.equals(actual)) {
                throw corrupt(file, "its data does not match the checksum in its header (expected SHA-256 "
                        + legacy + ", found " + actual + "); the file was damaged or truncated");
            }
        }
    }

    private static Checkpoint.Entry entry(Path file, String name, Object spec, byte[] all, int dataStart, int dataLength)
            throws IOException {
        if (!(spec instanceof Map<?, ?> m) || !"F32".equals(m.get("dtype"))
                || !(m.get("shape") instanceof List<?> shapeList) || !(m.get("data_offsets") instanceof List<?> off)
                || off.size() != 2) {
            throw corrupt(file, "the header entry for '" + name + "' is not an F32 tensor with shape and data_offsets");
        }
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = whole(file, name, "shape", shapeList.get(i));
            if (d > Integer.MAX_VALUE || (count *= d) > Integer.MAX_VALUE / Float.BYTES) {
                throw corrupt(file, "tensor '" + name + "' has shape " + shapeList + ", too large for a Java array");
            }
            shape[i] = (int) d;
        }
        long begin = whole(file, name, "data_offsets", off.get(0)), end = whole(file, name, "data_offsets", off.get(1));
        if (end > dataLength || end - begin != count * Float.BYTES) {
            throw corrupt(file, "tensor '" + name + "' needs bytes [" + begin + ", " + end + ") of a data section of "
                    + dataLength + " bytes, for " + count + " floats (truncated file?)");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(all, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(values);
        return new Checkpoint.Entry(shape, values);
    }

    /** A one-dimensional int64 array (the Rng state). */
    private static long[] integerEntry(Path file, String name, Map<?, ?> m, byte[] all, int dataStart, int dataLength)
            throws IOException {
        if (!(m.get("shape") instanceof List<?> shapeList) || shapeList.size() != 1
                || !(m.get("data_offsets") instanceof List<?> off) || off.size() != 2) {
            throw corrupt(file, "the header entry for '" + name + "' is not a one-dimensional I64 array with"
                    + " data_offsets");
        }
        long count = whole(file, name, "shape", shapeList.get(0));
        long begin = whole(file, name, "data_offsets", off.get(0)), end = whole(file, name, "data_offsets", off.get(1));
        if (count > Integer.MAX_VALUE / Long.BYTES || end > dataLength || end - begin != count * Long.BYTES) {
            throw corrupt(file, "array '" + name + "' needs bytes [" + begin + ", " + end + ") of a data section of "
                    + dataLength + " bytes, for " + count + " int64 values (truncated file?)");
        }
        long[] values = new long[(int) count];
        ByteBuffer.wrap(all, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer().get(values);
        return values;
    }

    /** A non-negative whole number from the header, or a clear error naming the tensor and field. */
    private static long whole(Path file, String name, String field, Object value) throws IOException {
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return ((Number) value).longValue();
        }
        throw corrupt(file, "tensor '" + name + "' has " + field + " entry " + describe(value)
                + " where a non-negative whole number belongs");
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\" (a string)" : String.valueOf(value);
    }

    private static String suggestion(Path dir) {
        for (Path p : List.of(dir.resolve("checkpoints").resolve("latest"), dir.resolve("latest"))) {
            if (Files.isRegularFile(p)) {
                return p + " (the run's newest)";
            }
        }
        return dir.resolve("checkpoints").resolve("latest") + " or a checkpoints/epoch-NNN file";
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("Checkpoint " + file + " cannot be read: " + why);
    }

    /** SHA-256 of the whole file with the digest's own 64 characters taken as '0'. */
    private static String wholeFileDigest(byte[] file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(file, 0, DIGEST_AT);
            md.update(ZEROS);
            md.update(file, DIGEST_AT + DIGEST_CHARS, file.length - DIGEST_AT - DIGEST_CHARS);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static final byte[] ZEROS = "0".repeat(DIGEST_CHARS).getBytes(StandardCharsets.US_ASCII);

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
