package dev.adversarial.gan.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of an ONNX file given to `gan sample --onnx` is user input: any values under its
 * keys either describe a generator (a valid noise prior, a shape of positive sizes) or are
 * refused with an IllegalArgumentException that says the model does not describe one. The input's
 * lines are the values of the keys below in order ("-" leaves a key out): plain bytes rather than
 * a FuzzedDataProvider, whose native set-up costs seconds in every regression run.
 */
class GeneratorMetadataFuzzTest {
    private static final List<String> KEYS = List.of("noise_prior", "latent_size", "noise_low", "noise_high",
            "noise_mean", "noise_std", GeneratorMetadata.DATA_SHAPE, GeneratorMetadata.OUTPUT_LOW,
            GeneratorMetadata.OUTPUT_HIGH, GeneratorMetadata.RECIPE);

    @FuzzTest(maxDuration = "60s")
    void fromMap(byte[] input) {
        String[] values = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(values.length, KEYS.size()); i++) {
            if (!values[i].equals("-")) {
                m.put(KEYS.get(i), values[i]);
            }
        }
        try {
            GeneratorMetadata g = GeneratorMetadata.fromMap(m);
            assertThat(java.util.Arrays.stream(g.dataShape()).min().orElse(1)).isPositive();
            assertThat(g.prior().dim()).isPositive();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
