package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import java.util.List;

/**
 * A conditional convolutional discriminator's first layer: it takes D's flat input as
 * {@link dev.adversarial.gan.core.train.Conditioning} lays it out, [N, C·H·W + K] (the image, then
 * a one-hot label over K classes), and returns [N, C + K, H, W]: the image unflattened, followed by
 * one constant H×W map per class (all ones for the example's class, zeros elsewhere). The first
 * convolution then sees the label at every position, as in the conditional DCGANs that concatenate
 * label maps to D's input channels. With K = 0 it is exactly {@link Unflatten}(C, H, W).
 *
 * <p>Built only from slice, reshape, broadcast and concat, so its gradient (and the gradient of
 * that gradient, for R1 and WGAN-GP) comes from those ops' rules on every backend; the gradient
 * reaching the label columns is the sum of the map's gradient over its H×W positions.
 */
public final class LabelMaps extends Layer {
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;

    public LabelMaps(int channels, int height, int width, int classes) {
        if (channels <= 0 || height <= 0 || width <= 0 || classes < 0) {
            throw new IllegalArgumentException("LabelMaps needs positive channels, height and width and classes >= 0, got "
                    + channels + ", " + height + ", " + width + ", " + classes);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
    }

    @Override
    public Tensor forward(Tensor x) {
        int pixels = imageSize();
        if (x.rank() != 2 || x.shape().dim(1) != pixels + classes) {
            throw new IllegalArgumentException(this + " expects input [batch, " + (pixels + classes) + "] (" + pixels
                    + " image values, then " + classes + " one-hot label columns), got " + x.shape());
        }
        int n = x.shape().dim(0);
        Tensor image = x.slice(1, 0, pixels).reshape(n, channels, height, width);
        if (classes == 0) {
            return image;
        }
        Tensor maps = x.slice(1, pixels, pixels + classes).reshape(n, classes, 1, 1)
                .broadcastTo(Shape.of(n, classes, height, width));
        return Tensor.concat(List.of(image, maps), 1);
    }

    /** Image channels C, not counting the label maps. */
    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** K, the number of label maps appended (0: none). */
    public int classes() {
        return classes;
    }

    /** C·H·W, the image columns at the front of each input row. */
    public int imageSize() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return "LabelMaps[" + channels + ", " + height + ", " + width + " + " + classes + " classes]";
    }
}
