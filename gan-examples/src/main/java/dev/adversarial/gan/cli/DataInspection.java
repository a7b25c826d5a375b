package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.data.ImageSet;
import dev.adversarial.gan.core.data.ImageSets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code gan data inspect PATH}: reads a user's images exactly as {@code gan train --data PATH}
 * will (same reader, same checks) and prints what it found, so that a mixed-size, corrupt or
 * empty data set is caught, with the file named, before any training starts.
 */
final class DataInspection {
    private DataInspection() {
    }

    static void print(Path path, Path labels, int size) throws IOException {
        ImageSet set = ImageSets.read(path, labels, size, 0);
        set.describe().forEach(System.out::println);
        boolean square = set.height() == set.width();
        boolean dcganSize = square && (set.height() == 28 || set.height() == 32 || set.height() == 64);
        System.out.println(dcganSize
                ? "Train on it with `gan train --recipe dcgan --data " + path + "`"
                : "dcgan needs square images of 28, 32 or 64 pixels: train with `gan train --recipe dcgan --data " + path
                        + " --set size=" + (set.height() >= 64 && set.width() >= 64 ? 64 : 32) + "` to centre-crop and resize");
    }
}
