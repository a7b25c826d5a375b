package dev.adversarial.gan.api.optim;

import dev.adversarial.gan.api.Tensor;
import java.util.Map;

/**
 * Everything an optimizer needs to continue exactly where it stopped: its position and its
 * per-parameter buffers, each under a {@link BufferKey} (which buffer, which parameter).
 */
public record OptimizerState(long steps, int epoch, Map<BufferKey, Tensor> buffers) {

    /**
     * One per-parameter buffer: {@code buffer} is one of the optimizer's {@link Optimizer#bufferNames()}
     * ("velocity", "m", "v") and {@code parameter} the index of the parameter it belongs to. Kept as two
     * fields so that nothing has to split a name to find them again.
     */
    public record BufferKey(String buffer, int parameter) {
        public BufferKey {
            if (buffer == null || buffer.isEmpty() || parameter < 0) {
                throw new IllegalArgumentException("A buffer key needs a buffer name and a parameter index >= 0, got '"
                        + buffer + "' and " + parameter);
            }
        }

        /** "{buffer}.{parameter}", e.g. "velocity.3": how checkpoints name the tensor. */
        public String name() {
            return buffer + "." + parameter;
        }
    }
}
