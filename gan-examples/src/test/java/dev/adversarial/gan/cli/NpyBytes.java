package dev.adversarial.gan.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** .npy files of integer dtypes, as NumPy writes them, for tests of readers of label files. */
final class NpyBytes {
    private NpyBytes() {
    }

    /**
     * An array of {@code values} stored as {@code descr} ("<i8", "<i4", "|u1"), of shape
     * {@code shape} (1-D when none is given).
     */
    static byte[] of(String descr, int[] values, int... shape) {
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
