package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.BackendProvider;
import dev.adversarial.gan.api.Kernels;

/**
 * The pure-Java backend. Threads default to the available processors and can be set with
 * -Dgan.cpu.threads=N; the buffer pool holds up to -Dgan.cpu.poolMegabytes (default: an eighth
 * of the maximum heap, at most 512, so that freed buffers never crowd out live data in a small
 * heap such as a test JVM's -Xmx1g);
 * -Dgan.cpu.conv=direct runs convolutions on the reference loops instead of the matrix kernel,
 * for comparisons; -Dgan.cpu.poisonBuffers=true fills every pooled buffer a kernel takes for
 * overwriting with NaN, so a kernel that leaves an element unwritten shows NaN (this module's
 * tests run with it).
 * Its priority is the highest of the bundled backends because it needs nothing native.
 */
public final class CpuBackendProvider implements BackendProvider {
    public static final String NAME = "cpu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String artifact() {
        return "dev.adversarial:gan-backend-cpu";
    }

    @Override
    public Kernels create() {
        int threads = Integer.getInteger("gan.cpu.threads", Runtime.getRuntime().availableProcessors());
        long poolMb = Long.getLong("gan.cpu.poolMegabytes", defaultPoolMegabytes(Runtime.getRuntime().maxMemory()));
        if (threads < 1 || poolMb < 0) {
            throw new IllegalArgumentException("gan.cpu.threads must be >= 1 and gan.cpu.poolMegabytes >= 0, got "
                    + threads + " and " + poolMb);
        }
        return new CpuKernels(threads, poolMb * 1024 * 1024 / Float.BYTES);
    }

    /** An eighth of the heap, at most 512 MB: a training loop's working set fits, live data keeps room. */
    static long defaultPoolMegabytes(long maxHeapBytes) {
        return Math.min(512, maxHeapBytes / 8 / (1024 * 1024));
    }
}
