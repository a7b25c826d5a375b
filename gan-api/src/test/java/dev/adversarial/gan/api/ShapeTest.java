package dev.adversarial.gan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void broadcastsLikeNumPy() {
        assertThat(Shape.broadcast(Shape.of(100, 1200), Shape.of(1200))).isEqualTo(Shape.of(100, 1200));
        assertThat(Shape.broadcast(Shape.of(3, 1), Shape.of(1, 4))).isEqualTo(Shape.of(3, 4));
        assertThat(Shape.broadcast(Shape.scalar(), Shape.of(2, 2))).isEqualTo(Shape.of(2, 2));
        assertThat(Shape.broadcast(Shape.of(0, 3), Shape.of(3))).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void broadcastErrorNamesBothShapes() {
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(2, 3), Shape.of(4)))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
    }

    @Test
    void sizesStridesAndAxes() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.strides(false)).containsExactly(12, 4, 1);
        assertThat(Shape.of(2, 1, 4).strides(true)).containsExactly(4, 0, 1);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.without(1)).isEqualTo(Shape.of(2, 4));
        assertThat(s.with(0, 5)).isEqualTo(Shape.of(5, 3, 4));
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.of(3).broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.of(2).broadcastsTo(Shape.of(2, 3))).isFalse();
    }

    @Test
    void rejectsNegativeAndHugeShapes() {
        assertThatThrownBy(() -> Shape.of(2, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16)).hasMessageContaining("2^31-1");
        assertThatThrownBy(() -> Shape.of(2, 3).dim(3)).hasMessageContaining("Axis 3").hasMessageContaining("[2, 3]");
    }
}
