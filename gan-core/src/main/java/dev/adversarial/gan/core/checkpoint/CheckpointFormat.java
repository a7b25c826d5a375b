package dev.adversarial.gan.core.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes checkpoints in the safetensors layout, so that Python's {@code safetensors}
 * package can open them too: an 8-byte little-endian header length N, N bytes of JSON mapping
 * each tensor name to {@code {"dtype":"F32","shape":[…],"data_offsets":[begin,end]}} plus a
 * {@code "__metadata__"} map of strings, then the raw little-endian float32 data. Never Java
 * serialization. The metadata also carries {@code data_sha256}, the SHA-256 of the data section,
 * so that a corrupt file is refused with a clear message instead of loading wrong weights.
 * Writes are atomic: a temporary file in the same directory, forced to disk, then renamed.
 */
public final class CheckpointFormat {
    public static final String FORMAT = "gan-checkpoint/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private CheckpointFormat() {
    }

    public static void write(Path file, Checkpoint c) throws IOException {
        List<String> names = new ArrayList<>(c.tensors().keySet());
        long offset = 0;
        Map<String, Object> header = new LinkedHashMap<>();
        for (String name : names) {
            if (name.equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
            Checkpoint.Entry e = c.tensors().get(name);
            long bytes = (long) e.values().length * Float.BYTES;
            header.put(name, Map.of("dtype", "F32", "shape", e.shape(), "data_offsets", new long[] {offset, offset + bytes}));
            offset += bytes;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(offset)).order(ByteOrder.LITTLE_ENDIAN);
        for (String name : names) {
            for (float v : c.tensors().get(name).values()) {
                data.putFloat(v);
            }
        }
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("format", FORMAT);
        meta.put("data_sha256", sha256(data.array()));
        header.put("__metadata__", meta);
        byte[] json = JSON.writeValueAsBytes(header);
        // safetensors pads the header with spaces to a multiple of 8 so the data is aligned.
        int padded = (json.length + 7) & ~7;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        AtomicFiles.write(file, out -> {
            out.write(head.array());
            out.write(data.array());
        });
    }

    public static Checkpoint read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("No checkpoint at " + file + " (is the path right? checkpoints are written to"
                    + " RUN_DIR/checkpoints/latest)", e);
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 8) {
            throw corrupt(file, "it has " + all.length + " bytes, fewer than the 8-byte header length");
        }
        long n = buf.getLong();
        if (n <= 0 || n > MAX_HEADER || 8 + n > all.length) {
            throw corrupt(file, "its header length field says " + n + " bytes but the file has " + all.length
                    + " (truncated, or not a checkpoint)");
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(all, 8, (int) n, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw corrupt(file, "its JSON header does not parse: " + e.getMessage());
        }
        int dataStart = (int) (8 + n);
        int dataLength = all.length - dataStart;
        Map<String, String> meta = new LinkedHashMap<>();
        Object rawMeta = header.remove("__metadata__");
        if (rawMeta instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(String.valueOf(k), String.valueOf(v)));
        }
        String expected = meta.get("data_sha256");
        if (expected != null) {
            String actual = sha256(java.util.Arrays.copyOfRange(all, dataStart, all.length));
            if (!expected.equals(actual)) {
                throw corrupt(file, "its data does not match the checksum in its header (expected SHA-256 "
                        + expected + ", found " + actual + "); the file was damaged or truncated");
            }
        }
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            tensors.put(e.getKey(), entry(file, e.getKey(), e.getValue(), all, dataStart, dataLength));
        }
        return new Checkpoint(tensors, meta);
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
            shape[i] = ((Number) shapeList.get(i)).intValue();
            count *= shape[i];
        }
        long begin = ((Number) off.get(0)).longValue(), end = ((Number) off.get(1)).longValue();
        if (begin < 0 || end > dataLength || end - begin != count * Float.BYTES) {
            throw corrupt(file, "tensor '" + name + "' needs bytes [" + begin + ", " + end + ") of a data section of "
                    + dataLength + " bytes, for " + count + " floats (truncated file?)");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(all, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(values);
        return new Checkpoint.Entry(shape, values);
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("Checkpoint " + file + " cannot be read: " + why);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
