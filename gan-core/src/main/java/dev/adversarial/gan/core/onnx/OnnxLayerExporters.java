package dev.adversarial.gan.core.onnx;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.BatchNorm2d;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.LabelMaps;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Maxout;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.nn.Unflatten;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The table from layer class to {@link OnnxLayerExporter}: which layers can be exported, and how.
 * Immutable; {@link #with} returns a copy with one more entry, so a library user can export a
 * layer of their own without touching gan-core:
 *
 * <pre>{@code
 * OnnxLayerExporters table = OnnxLayerExporters.standard().with(MyLayer.class, new MyLayerExporter());
 * new OnnxExporter(table).exportGenerator(...);
 * }</pre>
 *
 * <p>Lookup is by exact class, never by superclass: a subclass may override {@code forward}, and
 * exporting it with its parent's graph would silently compute something else.
 */
public final class OnnxLayerExporters {
    private final Map<Class<? extends Layer>, OnnxLayerExporter<?>> table;

    private OnnxLayerExporters(Map<Class<? extends Layer>, OnnxLayerExporter<?>> table) {
        this.table = Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }

    /** Every layer gan-core defines. */
    public static OnnxLayerExporters standard() {
        return new OnnxLayerExporters(Map.of())
                .with(Sequential.class, CoreLayerExporters::sequential)
                .with(Linear.class, CoreLayerExporters::linear)
                .with(Maxout.class, CoreLayerExporters::maxout)
                .with(Activation.class, CoreLayerExporters::activation)
                .with(Dropout.class, CoreLayerExporters::dropout)
                .with(Conv2d.class, ConvLayerExporters::conv2d)
                .with(ConvTranspose2d.class, ConvLayerExporters::convTranspose2d)
                .with(BatchNorm1d.class, ConvLayerExporters::batchNorm)
                .with(BatchNorm2d.class, ConvLayerExporters::batchNorm)
                .with(Flatten.class, ConvLayerExporters::flatten)
                .with(Unflatten.class, ConvLayerExporters::unflatten)
                .with(LabelMaps.class, ConvLayerExporters::labelMaps);
    }

    /** A copy of this table in which {@code type} is exported by {@code exporter} (replacing any entry). */
    public <M extends Layer> OnnxLayerExporters with(Class<M> type, OnnxLayerExporter<? super M> exporter) {
        if (type == null || exporter == null) {
            throw new IllegalArgumentException("with(type, exporter) needs both, got " + type + " and " + exporter);
        }
        Map<Class<? extends Layer>, OnnxLayerExporter<?>> copy = new LinkedHashMap<>(table);
        copy.put(type, exporter);
        return new OnnxLayerExporters(copy);
    }

    /** The exporter for exactly this module's class, or null. */
    @SuppressWarnings("unchecked")
    OnnxLayerExporter<Layer> find(Layer module) {
        return (OnnxLayerExporter<Layer>) table.get(module.getClass());
    }

    /** Simple names of the exportable layer classes, sorted, for error messages. */
    public Set<String> supportedLayers() {
        Set<String> names = new TreeSet<>();
        table.keySet().forEach(c -> names.add(c.getSimpleName()));
        return names;
    }

    @Override
    public String toString() {
        return "OnnxLayerExporters" + supportedLayers();
    }
}
