package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.FashionMnist;
import dev.adversarial.gan.core.data.Mnist;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gan data fetch NAME}: downloads (or locates) a data set and reports its splits;
 * {@code gan data inspect PATH}: checks a user's images ({@link DataInspection}).
 */
@Command(name = "data", mixinStandardHelpOptions = true, description = {"Data sets: `gan data fetch mnist|fashion-mnist`.",
        "Your own images: `gan data inspect PATH` (a folder, one subfolder per class, or a .npy array) prints the count,"
                + " size, channels and classes, and refuses mixed sizes, corrupt images and empty folders."})
final class DataCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "fetch or inspect")
    String action;

    @Parameters(index = "1", paramLabel = "NAME|PATH", description = "mnist or fashion-mnist (fetch); a folder or .npy file (inspect)")
    String name;

    @Option(names = "--labels", paramLabel = "FILE.npy", description = "inspect: labels for a .npy array, one per image.")
    Path labels;

    @Option(names = "--size", paramLabel = "S", description = "inspect: centre-crop and resize to S×S, as --set size=S does"
            + " for training.")
    Integer size;

    @Override
    public Integer call() throws Exception {
        if (action.equals("inspect")) {
            DataInspection.print(Path.of(name), labels, size == null ? 0 : size);
            return 0;
        }
        if (!action.equals("fetch")) {
            throw new IllegalArgumentException("Unknown data action '" + action + "'; use `fetch` or `inspect`");
        }
        var splits = switch (name) {
            case "mnist" -> Mnist.load(DataPaths.cacheDir());
            case "fashion-mnist" -> FashionMnist.load(null);
            default -> throw new IllegalArgumentException("Unknown data set '" + name + "'; choose mnist or fashion-mnist");
        };
        System.out.printf("%s ready: train %d, validation %d, test %d examples%n", name, splits.train().size(),
                splits.validation().size(), splits.test().size());
        System.out.println(name.equals("mnist") ? "Cached under " + DataPaths.cacheDir().resolve("mnist")
                : "Read from " + FashionMnist.defaultDir() + " (GAN_DATA_DIR/fashion-mnist or -Dgan.data.dir/fashion-mnist"
                        + " takes precedence when it exists)");
        return 0;
    }
}
