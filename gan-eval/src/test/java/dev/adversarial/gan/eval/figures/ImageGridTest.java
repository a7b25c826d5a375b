package dev.adversarial.gan.eval.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageGridTest {
    @Test
    void colourImagesAreReadChannelMajor() {
        // 2×2 images in CHW: the first pure red, the second with a gray (0.5) top row and a blue bottom row.
        float[] red = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] mixed = {0.5f, 0.5f, 0, 0, 0.5f, 0.5f, 0, 0, 0.5f, 0.5f, 1, 1};
        BufferedImage img = ImageGrid.render(new float[][] {red, mixed}, 1, 2, 3, 2, 2, 1, -1);
        int pad = 2;
        assertThat(img.getRGB(pad, pad) & 0xFFFFFF).isEqualTo(0xFF0000);
        int x0 = pad + 2 + pad;
        assertThat(img.getRGB(x0, pad) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(img.getRGB(x0 + 1, pad + 1) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void grayscaleIsUnchangedAndWrongSizesAreRefused() {
        BufferedImage img = ImageGrid.render(new float[][] {{0, 1, 0.5f, 2}}, 1, 1, 2, 2, 1, -1);
        assertThat(img.getRGB(3, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(img.getRGB(3, 3) & 0xFFFFFF).as("clipped to 1").isEqualTo(0xFFFFFF);
        assertThatThrownBy(() -> ImageGrid.render(new float[][] {new float[4]}, 1, 1, 3, 2, 2, 1, -1))
                .hasMessageContaining("expected 3x2x2");
        assertThatThrownBy(() -> ImageGrid.render(new float[][] {new float[8]}, 1, 1, 2, 2, 2, 1, -1))
                .hasMessageContaining("1 (gray) or 3 (RGB)");
    }
}
