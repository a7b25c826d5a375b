package dev.adversarial.gan.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFormatTest {
    @TempDir
    Path dir;

    private static Checkpoint sample() {
        Map<String, Checkpoint.Entry> t = new LinkedHashMap<>();
        t.put("generator.0.weight", new Checkpoint.Entry(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        t.put("generator.0.bias", new Checkpoint.Entry(new int[] {2}, new float[] {-1.5f, Float.MIN_VALUE}));
        t.put("scalar", new Checkpoint.Entry(new int[0], new float[] {42}));
        return new Checkpoint(t, Map.of("epoch", "3", "recipe", "paper-mnist"));
    }

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() throws IOException {
        Path f = dir.resolve("latest");
        CheckpointFormat.write(f, sample());
        Checkpoint c = CheckpointFormat.read(f);
        assertThat(c.tensors().keySet()).containsExactly("generator.0.weight", "generator.0.bias", "scalar");
        assertThat(c.requireTensor("generator.0.weight").shape()).containsExactly(2, 3);
        assertThat(c.requireTensor("generator.0.bias").values()).containsExactly(-1.5f, Float.MIN_VALUE);
        assertThat(c.requireTensor("scalar").values()).containsExactly(42f);
        assertThat(c.require("recipe")).isEqualTo("paper-mnist");
        assertThat(c.require("format")).isEqualTo(CheckpointFormat.FORMAT);
        assertThat(Files.list(dir)).containsExactly(f); // no temporary file left behind
    }

    @Test
    void layoutIsSafetensors() throws IOException {
        Path f = dir.resolve("c");
        CheckpointFormat.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).contains("\"dtype\":\"F32\"").contains("\"data_offsets\":[0,24]").contains("__metadata__");
        assertThat(all.length).isEqualTo(8 + n + (6 + 2 + 1) * 4);
        float first = ByteBuffer.wrap(all, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(1f);
    }

    @Test
    void truncatedFileIsRefusedClearly() throws IOException {
        Path f = dir.resolve("c");
        CheckpointFormat.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 5));
        assertThatThrownBy(() -> CheckpointFormat.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be read").hasMessageContaining("checksum");
        Files.write(f, Arrays.copyOf(all, 20));
        assertThatThrownBy(() -> CheckpointFormat.read(f)).hasMessageContaining("header length");
        Files.write(f, new byte[3]);
        assertThatThrownBy(() -> CheckpointFormat.read(f)).hasMessageContaining("fewer than the 8-byte header");
    }

    @Test
    void flippedDataByteIsCaughtByTheChecksum() throws IOException {
        Path f = dir.resolve("c");
        CheckpointFormat.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        all[all.length - 2] ^= 0x40;
        Files.write(f, all);
        assertThatThrownBy(() -> CheckpointFormat.read(f)).hasMessageContaining("damaged or truncated");
    }

    @Test
    void garbageAndMissingFilesAreExplained() throws IOException {
        Path f = dir.resolve("c");
        ByteBuffer b = ByteBuffer.allocate(8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(8).put("not json".getBytes(StandardCharsets.US_ASCII));
        Files.write(f, b.array());
        assertThatThrownBy(() -> CheckpointFormat.read(f)).hasMessageContaining("JSON header does not parse");
        assertThatThrownBy(() -> CheckpointFormat.read(dir.resolve("nope"))).hasMessageContaining("No checkpoint at");
    }

    @Test
    void aNameThatCollidesWithTheMetadataKeyIsRefused() {
        Map<String, Checkpoint.Entry> bad = new LinkedHashMap<>();
        bad.put("__metadata__", new Checkpoint.Entry(new int[] {1}, new float[] {1}));
        assertThatThrownBy(() -> CheckpointFormat.write(dir.resolve("c"), new Checkpoint(bad, Map.of())))
                .hasMessageContaining("reserved");
    }

    @Test
    void theChecksumCoversTheHeader() throws IOException {
        Path f = dir.resolve("c");
        CheckpointFormat.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int epoch = text.indexOf("\"epoch\":\"3\"") + "\"epoch\":\"".length();
        all[epoch] = '4'; // a valid header that says a different epoch
        Files.write(f, all);
        assertThatThrownBy(() -> CheckpointFormat.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("do not match the checksum").hasMessageContaining(f.toString());
    }

    @Test
    void checkpointsOfTheFirstFormatStillLoadAndAreVerifiedTheOldWay() throws IOException {
        Path f = dir.resolve("old");
        Files.write(f, LegacyCheckpoints.version1(sample()));
        Checkpoint c = CheckpointFormat.read(f);
        assertThat(c.require("format")).isEqualTo(CheckpointFormat.LEGACY_FORMAT);
        assertThat(c.requireTensor("generator.0.weight").values()).containsExactly(1, 2, 3, 4, 5, 6);
        byte[] all = Files.readAllBytes(f);
        all[all.length - 2] ^= 0x40;
        Files.write(f, all);
        assertThatThrownBy(() -> CheckpointFormat.read(f)).hasMessageContaining("damaged or truncated");
        // Written again, it is in the current format.
        CheckpointFormat.write(f, c);
        assertThat(CheckpointFormat.read(f).require("format")).isEqualTo(CheckpointFormat.FORMAT);
    }

    @Test
    void aStringForADimensionIsACorruptHeaderNotAClassCastException() throws IOException {
        Path f = dir.resolve("c");
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[\"two\"],\"data_offsets\":[0,8]}}";
        Files.write(f, LegacyCheckpoints.raw(json, new byte[8]));
        assertThatThrownBy(() -> CheckpointFormat.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor 'w' has shape entry \"two\" (a string)");
    }

    @Test
    void aDirectoryIsRefusedWithThePathToUse() throws IOException {
        Path run = dir.resolve("run");
        CheckpointFormat.write(run.resolve("checkpoints/latest"), sample());
        assertThatThrownBy(() -> CheckpointFormat.read(run)).hasMessageContaining("is a directory")
                .hasMessageContaining(run.resolve("checkpoints/latest").toString());
        assertThatThrownBy(() -> CheckpointFormat.read(run.resolve("checkpoints")))
                .hasMessageContaining(run.resolve("checkpoints/latest").toString());
    }

    @Test
    void aNewerFormatIsNamed() throws IOException {
        Path f = dir.resolve("c");
        Files.write(f, LegacyCheckpoints.raw("{\"__metadata__\":{\"format\":\"gan-checkpoint/9\"}}", new byte[0]));
        assertThatThrownBy(() -> CheckpointFormat.read(f)).hasMessageContaining("gan-checkpoint/9")
                .hasMessageContaining("newer");
    }

    @Test
    void integerArraysRoundTripTypedAsI64() throws IOException {
        Path f = dir.resolve("ints");
        long[] state = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        CheckpointFormat.write(f, new Checkpoint(sample().tensors(), Map.of(Checkpoint.RNG_STATE, state), Map.of("epoch", "1")));
        Checkpoint c = CheckpointFormat.read(f);
        assertThat(c.requireIntegers(Checkpoint.RNG_STATE)).containsExactly(state);
        assertThat(c.requireTensor("generator.0.weight").values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("\"" + Checkpoint.RNG_STATE + "\":{\"dtype\":\"I64\",\"shape\":[4],\"data_offsets\":[36,68]}");
    }

    @Test
    void olderFormatsGetTheirJsonSettingsAndJoinedRngStateConverted() throws IOException {
        Path f = dir.resolve("v1");
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("recipe", "toy-1d");
        meta.put("settings", "{\"lr\":\"0.1\",\"data.path\":\"/x\"}");
        meta.put("rng_state", "1,-2,3,4");
        meta.put("seed", "7");
        Files.write(f, LegacyCheckpoints.version1(new Checkpoint(sample().tensors(), meta)));
        Checkpoint c = CheckpointFormat.read(f);
        assertThat(c.metadata()).containsEntry("settings.lr", "0.1").containsEntry("settings.data.path", "/x")
                .doesNotContainKeys("settings", "rng_state").containsEntry("device", LegacyCheckpointReader.NOT_RECORDED);
        assertThat(c.requireIntegers(Checkpoint.RNG_STATE)).containsExactly(1, -2, 3, 4);
        assertThat(dev.adversarial.gan.core.provenance.Provenance.fromMetadata(c.metadata(), "old").settings())
                .containsExactly(Map.entry("lr", "0.1"), Map.entry("data.path", "/x"));

        meta.put("settings", "not json");
        Files.write(f, LegacyCheckpoints.version1(new Checkpoint(sample().tensors(), meta)));
        assertThatThrownBy(() -> CheckpointFormat.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("older format").hasMessageContaining("not a JSON object")
                .hasMessageContaining("re-saved in " + CheckpointFormat.FORMAT);
    }
}
