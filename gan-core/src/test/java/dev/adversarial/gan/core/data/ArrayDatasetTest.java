package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Tensor;
import org.junit.jupiter.api.Test;

class ArrayDatasetTest {
    /** 5 examples of shape [2, 3]; example i holds i·10 + k. */
    private static ArrayDataset fiveByTwoByThree() {
        float[] v = new float[30];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 6; k++) {
                v[i * 6 + k] = i * 10 + k;
            }
        }
        return new ArrayDataset("toy", v, new int[] {2, 3}, new int[] {4, 3, 2, 1, 0});
    }

    @Test
    void reportsItsShape() {
        ArrayDataset d = fiveByTwoByThree();
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.exampleDims()).containsExactly(2, 3);
        assertThat(d.exampleSize()).isEqualTo(6);
        assertThat(d.values()).hasSize(30);
        assertThat(d.hasLabels()).isTrue();
        assertThat(d.label(1)).isEqualTo(3);
        assertThat(d.example(2)).containsExactly(20, 21, 22, 23, 24, 25);
        assertThat(d.toString()).contains("toy", "5", "[2, 3]");
    }

    @Test
    void constructorCopiesSoTheCallerCannotChangeIt() {
        float[] v = {1, 2};
        int[] l = {7, 8};
        ArrayDataset d = new ArrayDataset("c", v, new int[] {1}, l);
        v[0] = 99;
        l[0] = 99;
        assertThat(d.values()[0]).isEqualTo(1f);
        assertThat(d.label(0)).isEqualTo(7);
        d.labels()[1] = 99;
        d.exampleDims()[0] = 99;
        assertThat(d.label(1)).isEqualTo(8);
        assertThat(d.exampleDims()).containsExactly(1);
    }

    @Test
    void unlabelledDataSetsHaveNullLabels() {
        ArrayDataset d = new ArrayDataset("u", new float[4], new int[] {2}, null);
        assertThat(d.labels()).isNull();
        assertThat(d.hasLabels()).isFalse();
        assertThatThrownBy(() -> d.label(0)).hasMessageContaining("'u' has no labels");
        assertThatThrownBy(() -> d.gatherLabels(new int[] {0}, 0, 1, new int[1])).hasMessageContaining("no labels");
    }

    @Test
    void validationExplainsEachMistake() {
        assertThatThrownBy(() -> new ArrayDataset(" ", new float[2], new int[] {2}, null))
                .hasMessageContaining("non-blank name");
        assertThatThrownBy(() -> new ArrayDataset("n", null, new int[] {2}, null))
                .hasMessageContaining("values must not be null");
        assertThatThrownBy(() -> new ArrayDataset("n", new float[2], new int[0], null))
                .hasMessageContaining("at least one dimension");
        assertThatThrownBy(() -> new ArrayDataset("n", new float[2], new int[] {2, 0}, null))
                .hasMessageContaining("at least 1").hasMessageContaining("[2, 0]");
        assertThatThrownBy(() -> new ArrayDataset("n", new float[7], new int[] {3}, null))
                .hasMessageContaining("7 values are not a whole number of examples of 3").hasMessageContaining("1 left over");
        assertThatThrownBy(() -> new ArrayDataset("n", new float[6], new int[] {3}, new int[] {1}))
                .hasMessageContaining("1 labels for 2 examples");
    }

    @Test
    void subsetCopiesARangeWithItsLabels() {
        ArrayDataset d = fiveByTwoByThree();
        ArrayDataset s = d.subset(1, 3);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.exampleDims()).containsExactly(2, 3);
        assertThat(s.example(0)).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(s.labels()).containsExactly(3, 2);
        assertThat(s.name()).isEqualTo("toy[1:3]");
        s.values()[0] = -1;
        assertThat(d.values()[6]).isEqualTo(10f);
        assertThat(d.subset(2, 2).size()).isZero();
        assertThat(d.subset(0, 5, "all").name()).isEqualTo("all");
        assertThatThrownBy(() -> d.subset(3, 6)).hasMessageContaining("[3, 6)").hasMessageContaining("5 examples");
        assertThatThrownBy(() -> d.subset(3, 2)).hasMessageContaining("outside");
    }

    @Test
    void gatherCopiesChosenRowsInOrder() {
        ArrayDataset d = fiveByTwoByThree();
        int[] order = {4, 0, 3, 1, 2};
        float[] buf = new float[3 * 6 + 2];
        buf[18] = -7;
        d.gather(order, 1, 3, buf);
        assertThat(java.util.Arrays.copyOfRange(buf, 0, 6)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(java.util.Arrays.copyOfRange(buf, 6, 12)).containsExactly(30, 31, 32, 33, 34, 35);
        assertThat(java.util.Arrays.copyOfRange(buf, 12, 18)).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(buf[18]).as("past the batch is untouched").isEqualTo(-7f);

        int[] labels = new int[3];
        d.gatherLabels(order, 1, 3, labels);
        assertThat(labels).containsExactly(4, 1, 3);
    }

    @Test
    void gatherRejectsBadArguments() {
        ArrayDataset d = fiveByTwoByThree();
        assertThatThrownBy(() -> d.gather(new int[] {0, 1}, 0, 2, new float[11]))
                .hasMessageContaining("needs a buffer of 12 floats, got 11");
        assertThatThrownBy(() -> d.gather(new int[] {0, 1}, 1, 2, new float[12]))
                .hasMessageContaining("outside the 2 indices");
        assertThatThrownBy(() -> d.gather(new int[] {0, 5}, 0, 2, new float[12]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 5");
        assertThatThrownBy(() -> d.gather(new int[] {-1}, 0, 1, new float[12]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toTensorBuildsABatchOnABackend() {
        Backend b = Backends.get("cpu");
        ArrayDataset d = fiveByTwoByThree();
        try (Tensor t = d.toTensor(b, new int[] {3, 4}, 0, 2)) {
            assertThat(t.shape().dims()).containsExactly(2, 2, 3);
            assertThat(t.toArray()).startsWith(30, 31, 32, 33, 34, 35, 40);
        }
    }

    @Test
    void bytesAreScaledByDividingBy255() {
        byte[] raw = {0, 1, (byte) 254, (byte) 255, 51, 102};
        ArrayDataset d = ArrayDataset.fromUnsignedBytes("b", raw, 2, 2, new int[] {2}, new int[] {0, 1});
        assertThat(d.values()).containsExactly(254 / 255f, 1f, 0.2f, 0.4f);
    }
}
