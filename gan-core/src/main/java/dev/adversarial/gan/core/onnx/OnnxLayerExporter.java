package dev.adversarial.gan.core.onnx;

import dev.adversarial.gan.api.Layer;

/**
 * Turns one kind of layer into ONNX nodes. One implementation per layer class, registered in
 * {@link OnnxLayerExporters}; supporting a new layer is one class and one registration, with no
 * change to the exporter itself.
 *
 * <p>The graph is always the layer's evaluation-mode computation: exported generators are for
 * inference, so dropout is the identity and batch norm uses its running statistics.
 *
 * @param <M> the layer class this exporter handles
 */
@FunctionalInterface
public interface OnnxLayerExporter<M extends Layer> {

    /**
     * Adds the nodes (and initializers) that compute {@code layer} on {@code input}, and returns
     * the value they produce. A layer that is the identity at inference returns {@code input}
     * itself and adds nothing. Names passed to {@code graph} are local to the layer; the builder
     * prefixes them with the layer's dotted path. Shape problems should be reported with
     * {@link OnnxGraphBuilder#error}, which names the layer.
     */
    GraphValue export(M layer, GraphValue input, OnnxGraphBuilder graph);
}
