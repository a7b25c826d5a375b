package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder reader on good, corrupt, mixed-size, empty and unusual (16-bit, palette, alpha) inputs. */
class ImageFolderTest {
    @TempDir
    Path tmp;

    /** An RGB image whose pixel (y, x) is (r, g, b) = (10·y, 10·x, 200) out of 255. */
    static BufferedImage rgb(int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (10 * y) << 16 | (10 * x) << 8 | 200);
            }
        }
        return img;
    }

    static BufferedImage gray(int h, int w, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        return img;
    }

    static Path write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        assertThat(ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile())).as(name).isTrue();
        return file;
    }

    @Test
    void readsAnUnlabelledFolderOfRgbPngsAsChwInUnitRange() throws Exception {
        Path dir = tmp.resolve("faces");
        write(rgb(4, 5), dir.resolve("b.png"));
        write(rgb(4, 5), dir.resolve("a.png"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.writeString(dir.resolve(".DS_Store"), "hidden");
        ImageSet set = ImageFolder.read(dir, 0, 0);
        assertThat(set.count()).isEqualTo(2);
        assertThat(set.data().exampleDims()).containsExactly(3, 4, 5);
        assertThat(set.classes()).isEmpty();
        assertThat(set.data().hasLabels()).isFalse();
        float[] x = set.data().example(0);
        // channel-major: R plane, then G, then B; pixel (y=2, x=3)
        assertThat(x[2 * 5 + 3]).isEqualTo(20 / 255f);
        assertThat(x[20 + 2 * 5 + 3]).isEqualTo(30 / 255f);
        assertThat(x[40 + 2 * 5 + 3]).isEqualTo(200 / 255f);
        assertThat(set.notes()).anyMatch(n -> n.contains("not images were ignored") && n.contains("notes.txt"));
        // The hash covers the images' bytes in sorted path order (a.png, then b.png), nothing else.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(dir.resolve("a.png")));
        sha.update(Files.readAllBytes(dir.resolve("b.png")));
        assertThat(set.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(String.join("\n", set.describe())).contains("images    2").contains("4×5").contains("3 (RGB)")
                .contains("none (unlabelled)");
    }

    @Test
    void subfoldersAreClassesInSortedOrder() throws Exception {
        Path dir = tmp.resolve("pets");
        write(gray(6, 6, 0), dir.resolve("dog/1.png"));
        write(gray(6, 6, 255), dir.resolve("cat/1.bmp"));
        write(gray(6, 6, 255), dir.resolve("cat/deeper/2.png"));
        ImageSet set = ImageFolder.read(dir, 0, 0);
        assertThat(set.classes()).containsExactly("cat", "dog");
        assertThat(set.data().labels()).containsExactly(0, 0, 1);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.data().example(0)[0]).isEqualTo(1f);
        assertThat(set.data().example(2)[0]).isEqualTo(0f);
        assertThat(String.join("\n", set.describe())).contains("classes   2: cat (2), dog (1)");
    }

    @Test
    void grayscaleAmongColourIsRepeatedAndJpegsDecode() throws Exception {
        Path dir = tmp.resolve("mixed");
        write(gray(8, 8, 51), dir.resolve("g.png"));
        write(rgb(8, 8), dir.resolve("c.jpg"));
        ImageSet set = ImageFolder.read(dir, 0, 0);
        assertThat(set.channels()).isEqualTo(3);
        float[] g = set.data().example(1);
        assertThat(g[5]).isEqualTo(0.2f).isEqualTo(g[64 + 5]).isEqualTo(g[128 + 5]);
        assertThat(set.notes()).anyMatch(n -> n.startsWith("1 grayscale image(s) were repeated"));
        assertThat(ImageFolder.read(dir, 0, 1).channels()).as("--set channels=1 converts to luma").isEqualTo(1);
    }

    @Test
    void sixteenBitPaletteAndAlphaImagesAreRead() throws Exception {
        Path dir = tmp.resolve("unusual");
        BufferedImage deep = new BufferedImage(3, 3, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(1, 1, 0, 32768);
        deep.getRaster().setSample(2, 2, 0, 65535);
        write(deep, dir.resolve("deep.png"));
        byte[] r = {0, (byte) 255}, gr = {0, 0}, b = {0, (byte) 128};
        BufferedImage palette = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, gr, b));
        palette.getRaster().setSample(0, 0, 0, 1);
        write(palette, dir.resolve("palette.png"));
        BufferedImage alpha = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        alpha.setRGB(0, 0, 0x80FF0000);
        write(alpha, dir.resolve("zalpha.png"));
        ImageSet set = ImageFolder.read(dir, 0, 0);
        assertThat(set.channels()).isEqualTo(3);
        float[] d = set.data().example(0);
        assertThat(d[4]).isCloseTo(32768 / 65535f, within(1e-7f));
        assertThat(d[8]).isEqualTo(1f);
        float[] p = set.data().example(1);
        assertThat(new float[] {p[0], p[9], p[18]}).containsExactly(1f, 0f, 128 / 255f);
        float[] a = set.data().example(2);
        assertThat(new float[] {a[0], a[9], a[18]}).containsExactly(1f, 0f, 0f);
        assertThat(set.notes()).anyMatch(n -> n.contains("alpha channel; it was dropped"))
                .anyMatch(n -> n.contains("16-bit")).anyMatch(n -> n.contains("palette"));
    }

    @Test
    void mixedSizesAreRefusedNamingTheFileUnlessASizeIsGiven() throws Exception {
        Path dir = tmp.resolve("images");
        write(rgb(32, 32), dir.resolve("cat/1.png"));
        write(rgb(48, 40), dir.resolve("cat/7.png"));
        assertThatThrownBy(() -> ImageFolder.read(dir, 0, 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("cat/7.png is 48×40 but the first image").hasMessageContaining("is 32×32")
                .hasMessageContaining("--set size=32");
        ImageSet set = ImageFolder.read(dir, 16, 0);
        assertThat(set.data().exampleDims()).containsExactly(3, 16, 16);
        // Shrinking averages: a 2×2 block of the 32×32 gradient (red 10·y for y = 0, 1) gives 5/255.
        assertThat(set.data().example(0)[0]).isCloseTo(5 / 255f, within(1e-6f));
        assertThat(set.notes()).anyMatch(n -> n.contains("resized to 16×16"));
    }

    @Test
    void corruptAndUnreadableFilesAreRefusedByName() throws Exception {
        Path dir = tmp.resolve("broken");
        byte[] png = Files.readAllBytes(write(rgb(16, 16), tmp.resolve("ok.png")));
        Files.createDirectories(dir);
        Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> ImageFolder.read(dir, 0, 0)).hasMessageContaining("cut.png")
                .hasMessageContaining("re-export it or remove it");
        Files.delete(dir.resolve("cut.png"));
        Files.writeString(dir.resolve("fake.png"), "this is text, not a PNG");
        assertThatThrownBy(() -> ImageFolder.read(dir, 0, 0)).hasMessageContaining("fake.png is not an image ImageIO can read");
        Files.delete(dir.resolve("fake.png"));
        byte[] jpg = Files.readAllBytes(write(rgb(64, 64), tmp.resolve("ok.jpg")));
        Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length * 2 / 3));
        assertThatThrownBy(() -> ImageFolder.read(dir, 0, 0)).hasMessageContaining("cut.jpg")
                .hasMessageContaining("re-export it or remove it");
    }

    @Test
    void emptyFoldersAndMixedLayoutsAreRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        assertThatThrownBy(() -> ImageFolder.read(empty, 0, 0)).hasMessageContaining("holds no images")
                .hasMessageContaining("one subfolder of images per class");
        Path classes = tmp.resolve("classes");
        write(gray(4, 4, 0), classes.resolve("a/1.png"));
        Files.createDirectories(classes.resolve("b"));
        assertThatThrownBy(() -> ImageFolder.read(classes, 0, 0)).hasMessageContaining("class 'b'")
                .hasMessageContaining("holds no images");
        Path both = tmp.resolve("both");
        write(gray(4, 4, 0), both.resolve("top.png"));
        write(gray(4, 4, 0), both.resolve("sub/1.png"));
        assertThatThrownBy(() -> ImageFolder.read(both, 0, 0)).hasMessageContaining("both images")
                .hasMessageContaining("class subfolder");
        assertThatThrownBy(() -> ImageSets.read(tmp.resolve("missing"), null, 0, 0)).hasMessageContaining("Nothing at");
    }
}
