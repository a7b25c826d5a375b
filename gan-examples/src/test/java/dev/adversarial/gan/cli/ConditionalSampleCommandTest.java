package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.ExportAndSampleCommandTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.cli.ExportAndSampleCommandTest.Run;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.recipes.ConditionalTestRecipe;
import dev.adversarial.gan.recipes.Settings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gan sample` and `gan export` on a conditional generator (the test recipe, untrained): the
 * labels asked for by --label, --labels or drawn with the seed are the ones G gets and are written
 * beside the samples; the ONNX file takes the same labels and gives the same samples; grids have
 * one row per class.
 */
class ConditionalSampleCommandTest {
    private static final int LATENT = ConditionalTestRecipe.LATENT;
    private static final int PIXELS = ConditionalTestRecipe.PIXELS;

    @TempDir
    static Path dir;
    static Path checkpoint;
    static Path z;
    static GanModel model;
    static final Backend CPU = Backends.get("cpu");

    @BeforeAll
    static void writeCheckpointAndNoise() throws Exception {
        ConditionalTestRecipe recipe = new ConditionalTestRecipe();
        Settings settings = recipe.settings(Map.of());
        model = recipe.model(CPU, new Rng(3), settings, null);
        checkpoint = TestFiles.checkpoint(dir.resolve("cond/checkpoints/latest"), recipe, settings, model, 2);
        z = dir.resolve("z.npy");
        Npy.write(z, new int[] {6, LATENT}, Sampler.noise(model.prior(), new Rng(5), 6));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** What the backend gives for the rows of z.npy and these labels. */
    private static float[] expected(int... labels) throws Exception {
        return Sampler.generate(model, CPU, Npy.read(z).values(), labels, labels.length, labels.length);
    }

    private static void assertClose(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("value %d", i).isLessThanOrEqualTo(1e-5f);
        }
    }

    private static int[] labelsIn(Path file) throws Exception {
        Npy.Converted c = Npy.readConverted(file);
        assertThat(c.dtype()).isEqualTo("i8");
        return IntStream.range(0, c.values().length).map(i -> (int) c.values()[i]).toArray();
    }

    @Test
    void oneLabelOrACyclingListReachesTheGeneratorAndIsWrittenBeside() throws Exception {
        Path seven = dir.resolve("seven.npy");
        Run r = gan("sample", "--checkpoint", checkpoint.toString(), "--z", z.toString(), "--label", "7", "--out",
                seven.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 6 samples of 784 values (epoch 2 of test-conditional-mlp, cpu backend)")
                .contains("--label 7; 7: 6").contains("seven-labels.npy");
        assertClose(Npy.read(seven).values(), expected(7, 7, 7, 7, 7, 7));
        assertThat(labelsIn(dir.resolve("seven-labels.npy"))).containsExactly(7, 7, 7, 7, 7, 7);

        Path list = dir.resolve("list.npy");
        assertThat(gan("sample", "--checkpoint", checkpoint.toString(), "--z", z.toString(), "--label", "0, 1,2", "--out",
                list.toString()).code()).isZero();
        assertClose(Npy.read(list).values(), expected(0, 1, 2, 0, 1, 2));
        assertThat(labelsIn(dir.resolve("list-labels.npy"))).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void theLabelAloneChangesTheSample() throws Exception {
        float[] zero = expected(0, 0, 0, 0, 0, 0), one = expected(1, 1, 1, 1, 1, 1);
        float worst = 0;
        for (int i = 0; i < zero.length; i++) {
            worst = Math.max(worst, Math.abs(zero[i] - one[i]));
        }
        assertThat(worst).isGreaterThan(1e-3f);
    }

    @Test
    void withoutLabelsTheyAreDrawnUniformlyWithTheSeedAndWritten() throws Exception {
        Path a = dir.resolve("drawn-a.npy"), b = dir.resolve("drawn-b.npy");
        Run r = gan("sample", "--checkpoint", checkpoint.toString(), "--n", "400", "--seed", "4", "--out", a.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("drawn uniformly with seed 4");
        assertThat(gan("sample", "--checkpoint", checkpoint.toString(), "--n", "400", "--seed", "4", "--out",
                b.toString()).code()).isZero();
        int[] labels = labelsIn(dir.resolve("drawn-a-labels.npy"));
        assertThat(labels).hasSize(400).containsExactly(labelsIn(dir.resolve("drawn-b-labels.npy")));
        int[] count = new int[10];
        for (int y : labels) {
            count[y]++;
        }
        // 40 expected per class; every class appears and none takes a quarter of the draws.
        assertThat(IntStream.of(count).boxed().toList()).allMatch(c -> c > 10 && c < 100);
        float[] again = Sampler.generate(model, CPU, Sampler.noise(model.prior(), new Rng(4), 400), labels, 400, 100);
        assertClose(Npy.read(a).values(), again);
    }

    @Test
    void aLabelsFileOfAnyIntegerTypeGivesOneSamplePerLabel() throws Exception {
        Path int32 = dir.resolve("y32.npy"), uint8 = dir.resolve("y8.npy");
        Files.write(int32, TestFiles.npy("<i4", new int[] {3, 9, 0, 4, 4, 1}));
        Files.write(uint8, TestFiles.npy("|u1", new int[] {5, 5, 6, 2, 8, 9}));
        Path s32 = dir.resolve("s32.npy"), s8 = dir.resolve("s8.npy");
        Run r = gan("sample", "--checkpoint", checkpoint.toString(), "--z", z.toString(), "--labels", int32.toString(),
                "--out", s32.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(Npy.read(s32).values(), expected(3, 9, 0, 4, 4, 1));
        assertThat(labelsIn(dir.resolve("s32-labels.npy"))).containsExactly(3, 9, 0, 4, 4, 1);
        // Without --z, the labels file says how many samples to draw.
        assertThat(gan("sample", "--checkpoint", checkpoint.toString(), "--labels", uint8.toString(), "--out",
                s8.toString()).code()).isZero();
        assertThat(Npy.read(s8).shape()).containsExactly(6, PIXELS);
        assertThat(labelsIn(dir.resolve("s8-labels.npy"))).containsExactly(5, 5, 6, 2, 8, 9);
    }

    @Test
    void badLabelsAreRefusedNamingTheOptionOrFile() throws Exception {
        Path s = dir.resolve("bad.npy");
        String c = checkpoint.toString();
        assertThat(gan("sample", "--checkpoint", c, "--label", "10", "--n", "3", "--out", s.toString()).err())
                .contains("--label 10: class 10 is out of range; this generator has 10 classes, 0 to 9");
        assertThat(gan("sample", "--checkpoint", c, "--label", "7,x", "--n", "3", "--out", s.toString()).err())
                .contains("--label 7,x: 'x' is not a class number");
        Run both = gan("sample", "--checkpoint", c, "--label", "1", "--labels", "y.npy", "--out", s.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--label and --labels are mutually exclusive");

        Path floats = dir.resolve("float-labels.npy"), wide = dir.resolve("wide-labels.npy"), big = dir.resolve("big.npy");
        Npy.write(floats, new int[] {3}, new float[] {1, 2, 3});
        Files.write(wide, TestFiles.npy("<i8", new int[] {1, 2, 3, 4}, 2, 2));
        Files.write(big, TestFiles.npy("<i8", new int[] {1, 12, 3}));
        assertThat(gan("sample", "--checkpoint", c, "--labels", floats.toString(), "--out", s.toString()).err())
                .contains("--labels " + floats + " holds dtype 'f4'; class labels must be integers");
        assertThat(gan("sample", "--checkpoint", c, "--labels", wide.toString(), "--out", s.toString()).err())
                .contains("--labels " + wide + " has shape [2, 2]; it must hold one label per sample");
        assertThat(gan("sample", "--checkpoint", c, "--labels", big.toString(), "--out", s.toString()).err())
                .contains("--labels " + big + " holds 12 at index 1, which is not a class of this generator");
        assertThat(gan("sample", "--checkpoint", c, "--labels", dir.resolve("none.npy").toString(), "--out",
                s.toString()).err()).contains("--labels " + dir.resolve("none.npy") + ": No .npy file at");
        Path four = dir.resolve("four.npy");
        Files.write(four, TestFiles.npy("<i8", new int[] {1, 2, 3, 4}));
        Run count = gan("sample", "--checkpoint", c, "--labels", four.toString(), "--n", "5", "--out", s.toString());
        assertThat(count.err()).contains("--n 5 disagrees with --labels " + four + ", which holds 4 labels");
        Path z3 = dir.resolve("z3.npy");
        Npy.write(z3, new int[] {3, LATENT}, new float[3 * LATENT]);
        Run rows = gan("sample", "--checkpoint", c, "--labels", four.toString(), "--z", z3.toString(), "--out", s.toString());
        assertThat(rows.err()).contains("--labels " + four + " holds 4 labels but --z " + z3 + " holds 3 noise vectors");
        assertThat(Files.exists(s)).isFalse();
    }

    @Test
    void labelsOnAnUnconditionalGeneratorAreRefused() throws Exception {
        Path paper = EvaluateNetworkTest.untrainedPaperCheckpoint(dir.resolve("paper"));
        Run r = gan("sample", "--checkpoint", paper.toString(), "--label", "3", "--n", "2", "--out",
                dir.resolve("p.npy").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--label: the generator (epoch 0 of paper-mnist, cpu backend) is not conditional");
        Path unconditionalGrid = dir.resolve("paper.png");
        Run g = gan("sample", "--checkpoint", paper.toString(), "--n", "25", "--grid-cols", "10", "--grid",
                unconditionalGrid.toString());
        assertThat(g.code()).as(g.err()).isZero();
        BufferedImage img = ImageIO.read(unconditionalGrid.toFile());
        assertThat(img.getWidth()).isEqualTo(10 * (56 + 2) + 2);
        assertThat(img.getHeight()).isEqualTo(3 * (56 + 2) + 2);
        // With only --grid and no --n, the grid is full: --grid-cols rows of --grid-cols.
        assertThat(gan("sample", "--checkpoint", paper.toString(), "--grid-cols", "4", "--grid",
                unconditionalGrid.toString()).code()).isZero();
        assertThat(ImageIO.read(unconditionalGrid.toFile()).getHeight()).isEqualTo(4 * (56 + 2) + 2);
    }

    @Test
    void gridsHaveOneRowPerClass() throws Exception {
        Path all = dir.resolve("all.png"), some = dir.resolve("some.png");
        Run r = gan("sample", "--checkpoint", checkpoint.toString(), "--grid", all.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("one row per class");
        BufferedImage a = ImageIO.read(all.toFile());
        assertThat(a.getWidth()).isEqualTo(10 * (56 + 2) + 2);
        assertThat(a.getHeight()).isEqualTo(10 * (56 + 2) + 2);
        assertThat(gan("sample", "--checkpoint", checkpoint.toString(), "--label", "3,5,3", "--grid-cols", "4", "--grid",
                some.toString()).code()).isZero();
        BufferedImage b = ImageIO.read(some.toFile());
        assertThat(b.getWidth()).isEqualTo(4 * (56 + 2) + 2);
        assertThat(b.getHeight()).isEqualTo(2 * (56 + 2) + 2);
        Run neither = gan("sample", "--checkpoint", checkpoint.toString());
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("--out FILE.npy").contains("--grid FILE.png");
    }

    @Test
    void theExportedFileTakesLabelsAndGivesTheCheckpointsSamples() throws Exception {
        Path onnx = dir.resolve("cond.onnx");
        Run export = gan("export", "--checkpoint", checkpoint.toString(), "--out", onnx.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("input  label int64 [batch], classes 0,1,2,3,4,5,6,7,8,9")
                .contains("OneHot -> Concat -> Gemm").contains("ONNX Runtime agrees with the cpu backend")
                .contains("--label 0");
        Path fromOnnx = dir.resolve("onnx-3.npy");
        Run r = gan("sample", "--onnx", onnx.toString(), "--z", z.toString(), "--label", "3,8", "--batch", "4", "--out",
                fromOnnx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 2 of test-conditional-mlp, ONNX Runtime");
        assertClose(Npy.read(fromOnnx).values(), expected(3, 8, 3, 8, 3, 8));
        assertThat(labelsIn(dir.resolve("onnx-3-labels.npy"))).containsExactly(3, 8, 3, 8, 3, 8);
        assertThat(gan("sample", "--onnx", onnx.toString(), "--label", "11", "--n", "2", "--out",
                dir.resolve("x.npy").toString()).err()).contains("--label 11: class 11 is out of range");
        Path grid = dir.resolve("onnx.png");
        assertThat(gan("sample", "--onnx", onnx.toString(), "--grid", grid.toString(), "--grid-cols", "3").code()).isZero();
        assertThat(ImageIO.read(grid.toFile()).getHeight()).isEqualTo(10 * (56 + 2) + 2);
    }

    @Test
    void aFileWhoseInputsDisagreeWithItsClassesIsRefused() throws Exception {
        ModelProto conditional = new OnnxExporter().exportGenerator(model, Map.of("recipe", "test"));
        Path noClasses = dir.resolve("no-classes.onnx");
        OnnxExporter.write(noClasses, conditional.toBuilder().clearMetadataProps().addAllMetadataProps(
                conditional.getMetadataPropsList().stream().filter(e -> !e.getKey().equals("classes")).toList()).build());
        assertThat(gan("sample", "--onnx", noClasses.toString(), "--n", "2", "--out", dir.resolve("q.npy").toString()).err())
                .contains("does not take the input a generator export has");

        // The same G exported as if unconditional: z takes the one-hot columns too, and there is no label input.
        ModelProto unconditional = new OnnxExporter().exportGenerator(model.generator(),
                dev.adversarial.gan.core.train.NoisePrior.uniform(LATENT + 10, -1, 1), model.dataShape(), Map.of());
        Path claimsClasses = dir.resolve("claims-classes.onnx");
        OnnxExporter.write(claimsClasses, unconditional.toBuilder().addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey("classes").setValue("0,1,2,3,4,5,6,7,8,9")).build());
        assertThat(gan("sample", "--onnx", claimsClasses.toString(), "--label", "1", "--n", "2", "--out",
                dir.resolve("q.npy").toString()).err()).contains("lists classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] in its"
                        + " metadata but does not take the input a conditional export has");
        assertThat(Files.exists(dir.resolve("q.npy"))).isFalse();
    }
}
