package dev.adversarial.gan.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint bytes as earlier versions wrote them, and raw safetensors layouts, so tests can
 * prove that old files still load and that malformed ones are refused clearly.
 */
public final class LegacyCheckpoints {
    private LegacyCheckpoints() {
    }

    /** The layout of format gan-checkpoint/1: metadata last, data_sha256 over the data section only. */
    public static byte[] version1(Checkpoint c) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, Checkpoint.Entry> e : c.tensors().entrySet()) {
            long bytes = (long) e.getValue().values().length * Float.BYTES;
            header.put(e.getKey(), Map.of("dtype", "F32", "shape", e.getValue().shape(),
                    "data_offsets", new long[] {offset, offset + bytes}));
            offset += bytes;
        }
        ByteBuffer data = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
        c.tensors().values().forEach(e -> {
            for (float v : e.values()) {
                data.putFloat(v);
            }
        });
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("format", CheckpointFormat.LEGACY_FORMAT);
        meta.put(CheckpointFormat.LEGACY_CHECKSUM, CheckpointFormat.sha256(data.array()));
        header.put("__metadata__", meta);
        return raw(new ObjectMapper().writeValueAsString(header), data.array());
    }

    /** An 8-byte length, the JSON padded with spaces to a multiple of 8, then the data. */
    public static byte[] raw(String json, byte[] data) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        int padded = (j.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(j);
        while (b.position() < 8 + padded) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }
}
