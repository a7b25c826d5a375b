package dev.adversarial.gan.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record survives both of its written forms unchanged, including absent optional facts. */
class ProvenanceTest {
    private static Provenance sample(String djl, String commit) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lr", "0.1");
        settings.put("data.path", "/data/cats");
        settings.put("settings.odd", "a name that starts like the prefix");
        return new Provenance("dcgan", settings, -42L, "djl", "gpu(0)", "libtorch 2.7.1",
                new Provenance.Versions("0.1.0", "17.0.15", djl, djl == null ? null : "2.7.1"), commit);
    }

    @Test
    void flatMetadataRoundTripsEveryFact() {
        for (Provenance p : new Provenance[] {sample("0.35.1", "abc123"), sample(null, null)}) {
            Map<String, String> m = p.toMetadata();
            assertThat(m.values()).allSatisfy(v -> assertThat(v).doesNotStartWith("{"));
            assertThat(m).containsEntry("settings.lr", "0.1").containsEntry("seed", "-42");
            assertThat(Provenance.fromMetadata(m, "test")).isEqualTo(p);
        }
        assertThat(sample(null, null).toMetadata()).doesNotContainKeys("djl_version", "git_commit");
    }

    @Test
    void jsonRoundTripsThroughAParserWithTheSeedAsANumber() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Provenance p = sample("0.35.1", "abc123");
        String text = json.writeValueAsString(p.toJson());
        assertThat(text).contains("\"seed\":-42", "\"settings\":{\"lr\":\"0.1\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = json.readValue(text, Map.class);
        assertThat(Provenance.fromJson(back, "run.json")).isEqualTo(p);
    }

    @Test
    void missingFactsAreNamed() {
        Map<String, String> m = new LinkedHashMap<>(sample(null, null).toMetadata());
        m.remove("backend");
        assertThatThrownBy(() -> Provenance.fromMetadata(m, "Checkpoint x")).hasMessageContaining("Checkpoint x")
                .hasMessageContaining("'backend'");
        m.put("backend", "cpu");
        m.put("seed", "many");
        assertThatThrownBy(() -> Provenance.fromMetadata(m, "Checkpoint x")).hasMessageContaining("seed 'many'");
    }
}
