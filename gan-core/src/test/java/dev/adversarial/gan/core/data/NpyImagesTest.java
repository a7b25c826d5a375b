package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.core.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy image reader: layouts, dtypes, labels, and the arrays it refuses. */
class NpyImagesTest {
    @TempDir
    Path tmp;

    /** A .npy file (version 1.0) with the given dtype and raw data, as np.save writes it. */
    static Path npy(Path file, String descr, int[] shape, byte[] data) throws IOException {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                + "), }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        Files.write(file, out.toByteArray());
        return file;
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void uint8ChannelsLastBecomesChwDividedBy255() throws Exception {
        // 2 images of 2×2 RGB: pixel p of image i has (r, g, b) = (i·100 + p, 50, 255)
        int[] v = new int[2 * 4 * 3];
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < 4; p++) {
                v[(i * 4 + p) * 3] = i * 100 + p;
                v[(i * 4 + p) * 3 + 1] = 50;
                v[(i * 4 + p) * 3 + 2] = 255;
            }
        }
        Path f = npy(tmp.resolve("x.npy"), "|u1", new int[] {2, 2, 2, 3}, bytes(v));
        ImageSet set = NpyImages.read(f, null, 0, 0);
        assertThat(set.data().exampleDims()).containsExactly(3, 2, 2);
        assertThat(set.data().example(1)).containsExactly(100 / 255f, 101 / 255f, 102 / 255f, 103 / 255f,
                50 / 255f, 50 / 255f, 50 / 255f, 50 / 255f, 1f, 1f, 1f, 1f);
        assertThat(set.sha256()).isEqualTo(Mnist.sha256(Files.readAllBytes(f)));
        assertThat(set.format()).isEqualTo("npy");
    }

    @Test
    void floatChannelsFirstAndGrayscaleLayoutsWithLabels() throws Exception {
        float[] chw = new float[2 * 3 * 5 * 5];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 7) / 7f;
        }
        Path f = tmp.resolve("chw.npy");
        Npy.write(f, new int[] {2, 3, 5, 5}, chw);
        ImageSet set = NpyImages.read(f, null, 0, 0);
        assertThat(set.data().exampleDims()).containsExactly(3, 5, 5);
        assertThat(set.data().values()).containsExactly(chw);

        Path g = tmp.resolve("gray.npy");
        Npy.write(g, new int[] {3, 4, 4}, new float[48]);
        ByteBuffer labels = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(0).putLong(2);
        Path l = npy(tmp.resolve("y.npy"), "<i8", new int[] {3}, labels.array());
        ImageSet gray = ImageSets.read(g, l, 0, 0);
        assertThat(gray.data().exampleDims()).containsExactly(1, 4, 4);
        assertThat(gray.data().labels()).containsExactly(2, 0, 2);
        assertThat(gray.classes()).containsExactly("0", "1", "2");
        assertThat(gray.notes()).anyMatch(n -> n.startsWith("labels from") && n.contains("sha256"));
    }

    @Test
    void negativeZeroInAFloatFileLoadsAsZero() throws Exception {
        // The fuzzer's find: −0 (here a float64 too small for float32) passes the [0, 1] check
        // but sorted below 0 in every later comparison.
        Path f = tmp.resolve("z.npy");
        Npy.write(f, new int[] {1, 2, 2}, new float[] {-0f, 0.5f, -0f, 1f});
        ImageSet set = NpyImages.read(f, null, 0, 0);
        for (float v : set.data().values()) {
            assertThat(Float.floatToRawIntBits(v)).isNotEqualTo(Float.floatToRawIntBits(-0f));
        }
        assertThat(set.data().values()).containsExactly(0f, 0.5f, 0f, 1f);
    }

    @Test
    void sixteenBitAlphaAndResizing() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1 * 5 * 5 * 4 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 25; i++) {
            b.putShort((short) 65535).putShort((short) 0).putShort((short) 32768).putShort((short) 7);
        }
        Path f = npy(tmp.resolve("deep.npy"), "<u2", new int[] {1, 5, 5, 4}, b.array());
        ImageSet set = NpyImages.read(f, null, 2, 0);
        assertThat(set.data().exampleDims()).containsExactly(3, 2, 2);
        assertThat(set.data().example(0)[0]).isEqualTo(1f);
        assertThat(set.data().example(0)[4]).isZero();
        assertThat(set.notes()).anyMatch(n -> n.contains("alpha")).anyMatch(n -> n.contains("65535"))
                .anyMatch(n -> n.contains("resized to 2×2"));
    }

    @Test
    void refusesWhatIsNotAnImageArray() throws Exception {
        Path outOfRange = tmp.resolve("tanh.npy");
        Npy.write(outOfRange, new int[] {1, 2, 2}, new float[] {-1, 0, 0.5f, 1});
        assertThatThrownBy(() -> NpyImages.read(outOfRange, null, 0, 0)).hasMessageContaining("tanh.npy")
                .hasMessageContaining("[0, 1]").hasMessageContaining("(x + 1) / 2");
        Path flat = tmp.resolve("flat.npy");
        Npy.write(flat, new int[] {2, 784}, new float[2 * 784]);
        assertThatThrownBy(() -> NpyImages.read(flat, null, 0, 0)).hasMessageContaining("N×H×W, N×H×W×C or N×C×H×W");
        Path empty = tmp.resolve("empty.npy");
        Npy.write(empty, new int[] {0, 8, 8}, new float[0]);
        assertThatThrownBy(() -> NpyImages.read(empty, null, 0, 0)).hasMessageContaining("holds no images");
        Path ambiguous = tmp.resolve("amb.npy");
        Npy.write(ambiguous, new int[] {1, 3, 3, 3}, new float[27]);
        assertThatThrownBy(() -> NpyImages.read(ambiguous, null, 0, 0)).hasMessageContaining("reads both as");
        Path ints = npy(tmp.resolve("i32.npy"), "<i4", new int[] {1, 1, 1}, new byte[4]);
        assertThatThrownBy(() -> NpyImages.read(ints, null, 0, 0)).hasMessageContaining("dtype i4")
                .hasMessageContaining("astype('uint8')");
        Path truncated = npy(tmp.resolve("cut.npy"), "|u1", new int[] {2, 4, 4}, new byte[20]);
        assertThatThrownBy(() -> NpyImages.read(truncated, null, 0, 0)).hasMessageContaining("truncated");
        Path good = npy(tmp.resolve("good.npy"), "|u1", new int[] {2, 4, 4}, new byte[32]);
        Path wrongCount = npy(tmp.resolve("y3.npy"), "|u1", new int[] {3}, new byte[3]);
        assertThatThrownBy(() -> NpyImages.read(good, wrongCount, 0, 0)).hasMessageContaining("holds 2 images")
                .hasMessageContaining("shape [2]");
        Path negative = npy(tmp.resolve("neg.npy"), "|i1", new int[] {2}, bytes(0, -1));
        assertThatThrownBy(() -> NpyImages.read(good, negative, 0, 0)).hasMessageContaining("label -1.0 at index 1");
    }
}
