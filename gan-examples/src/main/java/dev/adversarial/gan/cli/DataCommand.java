package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.FashionMnist;
import dev.adversarial.gan.core.data.Mnist;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gan data fetch NAME}: downloads (or locates) a data set and reports its splits. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Data sets: `gan data fetch mnist|fashion-mnist`.")
final class DataCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "fetch")
    String action;

    @Parameters(index = "1", description = "mnist or fashion-mnist")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!action.equals("fetch")) {
            throw new IllegalArgumentException("Unknown data action '" + action + "'; the only one is `fetch`");
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
