package dev.adversarial.gan.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.onnx.OnnxModelCheck;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.RecipesModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance test of ONNX export: for every backend on the test class path and every recipe
 * bound in {@link RecipesModule}, the exported generator run in ONNX Runtime gives the backend's
 * own forward pass (evaluation mode) on the same z to 1e-5, for batches of 1 and 64, and the file
 * passes the structural check. A new recipe or backend is covered without touching this file.
 * Conditional recipes (the test class path adds one through META-INF/services) are run with
 * labels cycling through their classes, fed to the file's int64 {@code label} input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxExportEquivalenceTest {
    private static final float TOLERANCE = 1e-5f;
    /**
     * Settings for recipes whose model shape comes from the data they are given (dcgan records
     * size and channels when it loads a user's images); every other recipe uses its defaults.
     */
    private static final Map<String, Map<String, String>> DATA_SHAPED = Map.of(
            "dcgan", Map.of("size", "32", "channels", "3"));
    private final Map<String, Recipe> recipes = Guice.createInjector(new RecipesModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, Recipe>>() { }));
    /** One exported model per backend and recipe, shared by the batch sizes. */
    private final Map<String, Exported> exported = new LinkedHashMap<>();

    private record Exported(GanModel model, Backend backend, byte[] onnx) {
    }

    Iterable<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : Backends.available()) {
            for (String recipe : new TreeMap<>(recipes).keySet()) {
                for (int batch : new int[] {1, 64}) {
                    out.add(Arguments.of(backend, recipe, batch));
                }
            }
        }
        return out;
    }

    @Test
    void bothBackendsAndEveryRecipeAreCovered() {
        // Guards the parameterised test against passing by running on fewer backends than intended.
        assertThat(Backends.available()).contains("cpu", "djl");
        assertThat(recipes).containsKey("paper-mnist");
        assertThat(recipes.values()).as("at least one conditional recipe")
                .anyMatch(r -> r.model(Backends.get("cpu"), new Rng(0), settingsOf(r), null).isConditional());
    }

    private static dev.adversarial.gan.recipes.Settings settingsOf(Recipe r) {
        return r.settings(DATA_SHAPED.getOrDefault(r.name(), Map.of()));
    }

    @ParameterizedTest(name = "{1} on {0}, batch {2}")
    @MethodSource("cases")
    void onnxRuntimeMatchesTheBackendsForwardPass(String backendName, String recipeName, int batch) throws Exception {
        Exported e = exported.computeIfAbsent(backendName + "/" + recipeName, k -> export(backendName, recipeName));
        GanModel model = e.model();
        float[] z = Sampler.noise(model.prior(), new Rng(1000 + batch), batch);
        int[] labels = model.isConditional()
                ? java.util.stream.IntStream.range(0, batch).map(i -> (i * 7 + 3) % model.classes()).toArray() : null;
        float[] expected = Sampler.generate(model, e.backend(), z, labels, batch, batch);
        float[] actual;
        try (OnnxGenerator g = OnnxGenerator.fromBytes(e.onnx(), recipeName + ".onnx")) {
            assertThat(g.prior()).isEqualTo(model.prior());
            assertThat(g.metadata().dataShape()).containsExactly(model.dataShape());
            assertThat(g.classes()).isEqualTo(model.classes());
            actual = g.generate(z, labels, batch, batch);
        }
        assertThat(actual).hasSameSizeAs(expected);
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        System.out.printf(java.util.Locale.ROOT, "ONNX export of %s vs the %s backend, batch %d: max |difference| %.2e%n",
                recipeName, backendName, batch, worst);
        assertThat(worst).as("max |ONNX Runtime - %s| for %s, batch %d", backendName, recipeName, batch)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    private Exported export(String backendName, String recipeName) {
        Backend backend = Backends.get(backendName);
        Recipe recipe = recipes.get(recipeName);
        GanModel model = recipe.model(backend, new Rng(7), settingsOf(recipe), null);
        randomizeBiases(model.generator(), backend);
        ModelProto onnx = new OnnxExporter().exportGenerator(model, Map.of("recipe", recipeName, "seed", "7"));
        assertThat(OnnxModelCheck.problems(onnx)).isEmpty();
        assertThat(onnx.getOpsetImport(0).getVersion()).isEqualTo(OnnxExporter.OPSET);
        return new Exported(model, backend, onnx.toByteArray());
    }

    /**
     * Recipes built without data start with zero biases, which would let a mis-wired bias pass
     * unnoticed; give them values as training would (batch norm's shifts included: they are
     * "bias" too).
     */
    static void randomizeBiases(Layer g, Backend backend) {
        Rng rng = new Rng(99);
        try (Scope s = Scope.open()) {
            g.namedParameters().forEach((name, p) -> {
                if (name.endsWith("bias")) {
                    p.set(backend.uniform(rng, -1f, 1f, p.shape().dims()));
                }
            });
        }
    }

    @AfterAll
    void close() {
        exported.values().forEach(e -> e.model().close());
    }
}
