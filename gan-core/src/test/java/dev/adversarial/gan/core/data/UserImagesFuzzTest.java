package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Any bytes given as a user's image file (one image in a folder, named .png, .jpg, .bmp or .gif
 * by the first byte) or as a user's .npy image array either load as images of a consistent
 * shape in [0, 1] or are refused with an IOException naming the file. Seeds in
 * UserImagesFuzzTestInputs; -Pci fuzzes for a minute.
 */
class UserImagesFuzzTest {
    private static final String[] EXTENSIONS = {"png", "jpg", "bmp", "gif", "npy"};

    @FuzzTest(maxDuration = "60s")
    void read(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        String ext = EXTENSIONS[Math.floorMod(input[0], EXTENSIONS.length)];
        byte[] content = Arrays.copyOfRange(input, 1, input.length);
        Path dir = Files.createTempDirectory("fuzz-images");
        try {
            Path file = Files.write(dir.resolve("image." + ext), content);
            ImageSet set;
            try {
                set = ext.equals("npy") ? NpyImages.read(file, null, 0, 0) : ImageFolder.read(dir, 0, 0);
            } catch (IOException e) {
                assertThat(e.getMessage()).contains(dir.toString());
                return;
            }
            int[] dims = set.data().exampleDims();
            assertThat(dims).hasSize(3);
            for (float v : set.data().values()) {
                assertThat(v).isBetween(0f, 1f);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
