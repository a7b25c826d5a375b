package dev.adversarial.gan.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where PyTorch's defaults could differ from the SPI: edge values, memory sharing, rank 0.
 * Expected values are what the CPU backend's loops give.
 */
class DjlKernelSemanticsTest {
    private final Backend b = Backends.get("djl");
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private Tensor t(float... v) {
        return b.tensor(v, v.length);
    }

    @Test
    void log1pIsAccurateForTinyArgumentsAndExactAtItsEdges() {
        float[] x = {1e-10f, -1e-7f, 3e-5f, 0.5f, -0.5f, -1f, Float.POSITIVE_INFINITY, -2f, 3e38f, -0f};
        float[] got = t(x).log1p().toArray();
        for (int i = 0; i < 6; i++) {
            assertThat((double) got[i]).as("log1p(%s)", x[i]).isCloseTo(Math.log1p(x[i]), within(Math.abs(Math.log1p(x[i])) * 4e-7));
        }
        assertThat(got[5]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(got[6]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(got[7]).isNaN();
        assertThat((double) got[8]).isCloseTo(Math.log1p(3e38), within(1e-4));
        assertThat(Float.floatToRawIntBits(got[9])).as("log1p(-0) is -0").isEqualTo(Float.floatToRawIntBits(-0f));
    }

    @Test
    void sigmoidSaturatesWithoutNaNAndKeepsRelativeAccuracyInItsTail() {
        float[] got = t(-1000f, -20f, 0f, 20f, 1000f).sigmoid().toArray();
        assertThat(got[0]).isZero();
        assertThat((double) got[1]).isCloseTo(1 / (1 + Math.exp(20)), within(1e-15));
        assertThat(got[2]).isEqualTo(0.5f);
        assertThat(got[3]).isEqualTo(1f);
        assertThat(got[4]).isEqualTo(1f);
    }

    @Test
    void maximumAndMaxPropagateNaNLikeTheCpuBackend() {
        float nan = Float.NaN;
        assertThat(t(nan, 1f, 2f).maximum(t(0f, nan, 1f)).toArray()).containsExactly(nan, nan, 2f);
        assertThat(t(nan, 1f).minimum(0f).toArray()).containsExactly(nan, 0f);
        assertThat(b.tensor(new float[] {1, nan, 3, 4, 5, 6}, 2, 3).max(1, false).toArray()).containsExactly(nan, 6f);
    }

    @Test
    void comparisonsAreFloatOnesAndZerosAndPowTakesAScalarExponent() {
        assertThat(t(1f, 2f, 3f).ge(2f).toArray()).containsExactly(0f, 1f, 1f);
        assertThat(t(1f, 2f).eq(t(1f, 3f)).toArray()).containsExactly(1f, 0f);
        assertThat(t(4f, 9f).pow(0.5f).toArray()).containsExactly(2f, 3f);
        assertThat(t(2f, 3f).pow(t(3f, 2f)).toArray()).containsExactly(8f, 9f);
    }

    @Test
    void permuteSliceAndBroadcastNeverShareMemoryWithTheirInput() {
        Tensor x = b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor p = x.transpose();
        Tensor s = x.slice(1, 1, 3);
        Tensor row = x.slice(0, 0, 1);
        Tensor wide = row.broadcastTo(Shape.of(4, 3));
        x.mulInPlace(10f);
        row.mulInPlace(-1f);
        assertThat(p.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(s.toArray()).containsExactly(2, 3, 5, 6);
        assertThat(wide.toArray()).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3);
        // A broadcast result is ordinary memory, so it can itself be updated in place.
        wide.addInPlace(b.ones(4, 3), 1f);
        assertThat(wide.toArray()).containsExactly(2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4);
    }

    @Test
    void reshapeSharesMemoryAndAssignWritesThroughIt() {
        Tensor x = b.tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor flat = x.reshape(4);
        x.assign(b.tensor(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, 7}, 2, 2));
        assertThat(flat.toArray()).containsExactly(Float.NaN, Float.POSITIVE_INFINITY, -0f, 7f);
        x.assign(b.tensor(new float[] {5, 6, 7, 8}, 2, 2));
        assertThat(flat.toArray()).containsExactly(5, 6, 7, 8);
        x.close();
        assertThat(flat.toArray()).as("a view outlives the array it came from").containsExactly(5, 6, 7, 8);
    }

    @Test
    void rankZeroAndEmptyTensorsWork() {
        Tensor s = b.scalar(2f);
        s.assign(b.scalar(5f));
        s.addInPlace(b.scalar(1f), 2f);
        assertThat(s.item()).isEqualTo(7f);
        assertThat(s.add(t(1f, 2f)).toArray()).containsExactly(8f, 9f);
        Tensor e = b.zeros(0, 3);
        assertThat(e.add(b.ones(3)).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(e.sum(1, true).shape()).isEqualTo(Shape.of(0, 1));
        assertThat(e.sum().item()).isZero();
        assertThat(Tensor.concat(List.of(e, b.ones(2, 3)), 0).toArray()).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(b.tensor(new float[0], 0, 2).matmul(b.ones(2, 3)).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(b.ones(2, 0).matmul(b.ones(0, 3)).toArray()).containsExactly(0, 0, 0, 0, 0, 0);
    }
}
