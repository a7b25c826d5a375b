package dev.adversarial.gan.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * Writes a file all at once or not at all: to a temporary sibling, forced to disk, then renamed
 * over the target. A crash or an exception mid-write leaves the previous file intact, which is
 * what makes "the last good checkpoint" trustworthy.
 *
 * <p>A failed write is reported with the target's name: the JDK's own messages ("No space left
 * on device", ImageIO's "I/O error writing PNG file!") name no file, and a user staring at one
 * cannot tell which of a run's outputs failed or where. A process killed mid-write leaves its
 * temporary sibling behind; {@link #deleteOrphans} removes those once no writer can be active.
 */
public final class AtomicFiles {
    /** The names {@link Files#createTempFile} gives our temporaries: ".NAME." + digits + ".tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.\\d+\\.tmp");

    private AtomicFiles() {
    }

    /** What writes the bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, Body body) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, so it cannot be written as a file; name a file instead"
                    + " (for example " + file.resolve("out") + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw failure(file, e);
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(closeShield(out));
                out.flush();
                ch.force(true);
            }
            readableByAll(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure(file, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The failure with the target named and the innermost cause's words (ImageIO and JFreeChart
     * wrap the real reason, such as a full disk, in a generic message), plus what to do about a
     * full disk, the one failure here a user can always act on.
     */
    static IOException failure(Path file, IOException e) {
        String reason = reason(e);
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            reason += "; free some space on that file system or write somewhere else";
        }
        return new IOException("Could not write " + file + ": " + reason, e);
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException fs) {
            String kind = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
            return kind + (fs.getFile() != null ? " (" + fs.getFile() + ")" : "");
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** What {@link #deleteOrphans} removed. */
    public record Orphans(int files, long bytes) {
        public Orphans plus(Orphans o) {
            return new Orphans(files + o.files, bytes + o.bytes);
        }
    }

    /**
     * Deletes the temporary files that writers killed mid-write left in {@code dir} (not in its
     * subdirectories). Only safe while nothing else writes to {@code dir}: a run calls it under
     * its run-directory lock.
     */
    public static Orphans deleteOrphans(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Orphans(0, 0);
        }
        int files = 0;
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path f : entries) {
                if (Files.isRegularFile(f) && TEMPORARY.matcher(f.getFileName().toString()).matches()) {
                    bytes += Files.size(f);
                    Files.delete(f);
                    files++;
                }
            }
        }
        return new Orphans(files, bytes);
    }

    /** Temporary files are created owner-only; the outputs are ordinary files, so give them rw-r--r--. */
    private static void readableByAll(Path tmp) throws IOException {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Libraries such as Jackson and JFreeChart close the stream they are given; the file must
     * stay open until it has been forced to disk, so bodies get a stream whose close only flushes.
     */
    private static OutputStream closeShield(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
