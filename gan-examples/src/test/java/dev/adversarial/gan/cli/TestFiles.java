package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Files the commands read, made as the trainer and NumPy make them, for the tests of sampling,
 * export and evaluation: checkpoints of a given model, and .npy arrays of integer dtypes (label
 * files of int32 or uint8, which this project never writes itself).
 */
final class TestFiles {
    private TestFiles() {
    }

    /** {@code model} as the trainer's checkpoint of {@code recipe} at {@code epoch} would hold it. */
    static Path checkpoint(Path file, Recipe recipe, Settings settings, GanModel model, int epoch) throws IOException {
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        model.generator().stateDict().forEach((n, t) -> tensors.put("generator." + n,
                new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        model.discriminator().stateDict().forEach((n, t) -> tensors.put("discriminator." + n,
                new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        Provenance trained = new Provenance(recipe.name(), settings.asMap(), 0, "cpu", "cpu", "test kernel",
                new Provenance.Versions(Versions.project(), Versions.java(), null, null), null);
        Map<String, String> meta = new LinkedHashMap<>(trained.toMetadata());
        meta.put("epoch", Integer.toString(epoch));
        CheckpointFormat.write(file, new Checkpoint(tensors, meta));
        return file;
    }

    /**
     * An array of {@code values} stored as {@code descr} ("<i8", "<i4", "|u1"), of shape
     * {@code shape} (1-D when none is given).
     */
    static byte[] npy(String descr, int[] values, int... shape) {
        int[] dims = shape.length == 0 ? new int[] {values.length} : shape;
        String shapeText = dims.length == 1 ? dims[0] + ","
                : Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((unpadded + 63) / 64 * 64 - unpadded) + "\n";
        int width = descr.charAt(descr.length() - 1) - '0';
        ByteBuffer data = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            switch (width) {
                case 1 -> data.put((byte) v);
                case 4 -> data.putInt(v);
                case 8 -> data.putLong(v);
                default -> throw new IllegalArgumentException("width " + width);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
