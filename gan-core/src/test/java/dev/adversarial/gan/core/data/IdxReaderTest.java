package dev.adversarial.gan.core.data;

import static dev.adversarial.gan.core.data.IdxFiles.gzip;
import static dev.adversarial.gan.core.data.IdxFiles.idx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsRawImageFile() throws IOException {
        Path f = write("imgs-idx3-ubyte", IdxFiles.images(3, 4, 5));
        IdxReader.IdxArray a = IdxReader.read(f);
        assertThat(a.dims()).containsExactly(3, 4, 5);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.exampleSize()).isEqualTo(20);
        assertThat(a.data()).hasSize(60);
        assertThat(a.unsigned(2 * 20 + 19)).isEqualTo(IdxFiles.pixel(2, 19));
        assertThat(a.source()).isEqualTo(f.toString());
    }

    @Test
    void readsGzippedFileAndBytesAbove127AreUnsigned() throws IOException {
        byte[] data = {0, 127, (byte) 128, (byte) 255};
        IdxReader.IdxArray a = IdxReader.read(write("labels.gz", gzip(idx(new int[] {4}, data))));
        assertThat(a.dims()).containsExactly(4);
        assertThat(new int[] {a.unsigned(0), a.unsigned(1), a.unsigned(2), a.unsigned(3)})
                .containsExactly(0, 127, 128, 255);
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[] raw = IdxFiles.images(2, 3, 3);
        // gzip data under a plain name, and plain data under a .gz name: both must load.
        IdxReader.IdxArray a = IdxReader.read(write("no-suffix", gzip(raw)));
        IdxReader.IdxArray b = IdxReader.read(write("misleading.gz", raw));
        assertThat(a.data()).isEqualTo(b.data());
        assertThat(a.dims()).containsExactly(2, 3, 3);
    }

    @Test
    void truncatedDataSaysHowManyBytesWereExpectedAndFound() throws IOException {
        byte[] full = IdxFiles.images(10, 28, 28);
        Path f = write("cut-idx3-ubyte", Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> IdxReader.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("expected " + full.length + " bytes")
                .hasMessageContaining("found " + (full.length - 100) + " bytes")
                .hasMessageContaining("100 missing");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        byte[] full = IdxFiles.images(1, 2, 2);
        Path f = write("short-header", Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("truncated").hasMessageContaining("header of 16 bytes")
                .hasMessageContaining("found only 9 bytes");
        Path g = write("two-bytes", new byte[] {0, 0});
        assertThatThrownBy(() -> IdxReader.read(g)).hasMessageContaining("truncated")
                .hasMessageContaining("found 2 bytes");
    }

    @Test
    void truncatedGzipIsReportedAsCorruptDownload() throws IOException {
        byte[] gz = gzip(IdxFiles.images(50, 28, 28));
        Path f = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("gzip data is corrupt or truncated");
    }

    @Test
    void wrongMagicNumberSaysWhatWasFoundAndExpected() throws IOException {
        byte[] bytes = IdxFiles.labels(5);
        bytes[0] = 0x12;
        bytes[1] = 0x34;
        Path f = write("bad-magic", bytes);
        assertThatThrownBy(() -> IdxReader.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("wrong magic number 0x12340801")
                .hasMessageContaining("expected 0x0000TTDD");
    }

    @Test
    void aPngIsNotMistakenForIdx() throws IOException {
        Path f = write("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining("wrong magic number 0x89504E47");
    }

    @Test
    void unsupportedDataTypeIsNamed() throws IOException {
        Path f = write("floats", IdxFiles.header(0x0D, new int[] {2}, new byte[8]));
        assertThatThrownBy(() -> IdxReader.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("unsupported IDX data type 0x0D (32-bit float)")
                .hasMessageContaining("only unsigned bytes (0x08)");
        Path g = write("nonsense", IdxFiles.header(0x42, new int[] {2}, new byte[2]));
        assertThatThrownBy(() -> IdxReader.read(g)).hasMessageContaining("0x42 (not an IDX type at all)");
    }

    @Test
    void zeroDimensionsInTheHeaderIsAnEmptyHeader() throws IOException {
        Path f = write("rank0", new byte[] {0, 0, 8, 0});
        assertThatThrownBy(() -> IdxReader.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("empty IDX header")
                .hasMessageContaining("zero dimensions");
    }

    @Test
    void aDimensionOfSizeZeroIsAnEmptyFile() throws IOException {
        Path f = write("no-images", idx(new int[] {0, 28, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("dimension 0 of 3 is 0");
    }

    @Test
    void trailingGarbageIsReportedWithTheExtraByteCount() throws IOException {
        byte[] good = IdxFiles.labels(7);
        byte[] bad = Arrays.copyOf(good, good.length + 3);
        Path f = write("padded", bad);
        assertThatThrownBy(() -> IdxReader.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("trailing garbage")
                .hasMessageContaining("expected " + good.length + " bytes")
                .hasMessageContaining("found " + bad.length + " bytes (3 extra)");
    }

    @Test
    void missingFileNamesThePath() {
        Path f = dir.resolve("absent-idx1-ubyte");
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not found");
    }

    @Test
    void imagesAndLabelsLoadTogetherAndScaleToUnitInterval() throws IOException {
        Path img = write("i", gzip(IdxFiles.images(6, 2, 3)));
        Path lab = write("l", IdxFiles.labels(6));
        IdxReader.LabelledImages li = IdxReader.readImagesAndLabels(img, lab);
        assertThat(li.count()).isEqualTo(6);
        assertThat(li.labels()).containsExactly(0, 1, 2, 3, 4, 5);

        ArrayDataset d = li.toDataset("part", 2, 5);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.exampleDims()).containsExactly(6);
        assertThat(d.labels()).containsExactly(2, 3, 4);
        assertThat(d.values()[0]).isEqualTo(IdxFiles.pixel(2, 0) / 255f);
        assertThat(d.values()[17]).isEqualTo(IdxFiles.pixel(4, 5) / 255f);
        for (float v : d.values()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void extremePixelValuesMapToExactlyZeroAndOne() throws IOException {
        byte[] data = {0, (byte) 255, (byte) 128, 1};
        Path img = write("i", idx(new int[] {1, 2, 2}, data));
        Path lab = write("l", IdxFiles.labels(1));
        float[] v = IdxReader.readImagesAndLabels(img, lab).toDataset("x", 0, 1).values();
        assertThat(v).containsExactly(0f, 1f, 128f / 255f, 1f / 255f);
    }

    @Test
    void countMismatchBetweenImagesAndLabelsNamesBothFiles() throws IOException {
        Path img = write("train-images", IdxFiles.images(5, 2, 2));
        Path lab = write("train-labels", IdxFiles.labels(4));
        assertThatThrownBy(() -> IdxReader.readImagesAndLabels(img, lab))
                .hasMessageContaining(img + " holds 5 images")
                .hasMessageContaining(lab + " holds 4 labels");
    }

    @Test
    void imageAndLabelFilesSwappedAreReported() throws IOException {
        Path img = write("images", IdxFiles.images(3, 2, 2));
        Path lab = write("labels", IdxFiles.labels(3));
        assertThatThrownBy(() -> IdxReader.readImagesAndLabels(lab, img))
                .hasMessageContaining(lab.toString())
                .hasMessageContaining("expected an image file with 3 dimensions");
    }
}
