package dev.adversarial.gan.api.optim;

import dev.adversarial.gan.api.Tensor;
import java.util.Map;

/**
 * Everything an optimizer needs to continue exactly where it stopped: its position and its
 * per-parameter buffers, named "{buffer}.{parameter index}" (e.g. "velocity.3").
 */
public record OptimizerState(long steps, int epoch, Map<String, Tensor> buffers) {
}
