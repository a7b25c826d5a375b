package dev.adversarial.gan.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.core.train.NoisePrior;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata written into a model reads back to the same prior, shape, range and provenance. */
class GeneratorMetadataTest {

    @Test
    void noisePriorsRoundTripThroughTheirDescription() {
        for (NoisePrior p : new NoisePrior[] {NoisePrior.uniform(100, -Math.sqrt(3), Math.sqrt(3)),
                NoisePrior.normal(7, 0.25, 1.5)}) {
            assertThat(NoisePrior.fromDescription(p.describe())).isEqualTo(p);
        }
        assertThatThrownBy(() -> NoisePrior.fromDescription(Map.of("noise_prior", "cauchy", "latent_size", "3")))
                .hasMessageContaining("noise_prior must be 'uniform' or 'normal', got 'cauchy'");
        assertThatThrownBy(() -> NoisePrior.fromDescription(Map.of("noise_prior", "uniform", "latent_size", "3")))
                .hasMessageContaining("no 'noise_low' entry");
    }

    @Test
    void metadataRoundTripsWithProvenanceInOrder() {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("recipe", "paper-mnist");
        provenance.put("seed", "2014");
        provenance.put("gan_version", "0.1.0");
        GeneratorMetadata m = new GeneratorMetadata(NoisePrior.uniform(100, -1.7320508, 1.7320508), new int[] {28, 28},
                0, 1, provenance);
        Map<String, String> written = m.toMap();
        assertThat(written.keySet()).containsExactly("noise_prior", "latent_size", "noise_low", "noise_high",
                "data_shape", "output_low", "output_high", "recipe", "seed", "gan_version");
        assertThat(written).containsEntry("data_shape", "[28, 28]");
        GeneratorMetadata read = GeneratorMetadata.fromMap(written);
        assertThat(read).isEqualTo(m);
        assertThat(read.dataSize()).isEqualTo(784);
        assertThat(read.provenance().keySet()).containsExactly("recipe", "seed", "gan_version");

        Map<String, String> unbounded = new GeneratorMetadata(NoisePrior.normal(2, 0, 1), new int[] {3},
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Map.of()).toMap();
        assertThat(GeneratorMetadata.fromMap(unbounded).outputHigh()).isInfinite();
    }

    @Test
    void metadataOfSomethingElseIsRefusedClearly() {
        assertThatThrownBy(() -> GeneratorMetadata.fromMap(Map.of("author", "someone")))
                .hasMessageContaining("does not describe a generator")
                .hasMessageContaining("gan export");
        Map<String, String> badShape = new LinkedHashMap<>(new GeneratorMetadata(NoisePrior.normal(2, 0, 1), new int[] {3},
                0, 1, Map.of()).toMap());
        badShape.put("data_shape", "3x3");
        assertThatThrownBy(() -> GeneratorMetadata.fromMap(badShape)).hasMessageContaining("data_shape must look like [28, 28]");
    }
}
