package dev.adversarial.gan.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a run directory to one writer: DIR/.run.lock holds an operating-system lock while a run
 * writes there, plus the holder's process id and start time for messages. Without it, two
 * {@code gan train} on the same {@code --out} both "succeeded" and the second overwrote the
 * first's checkpoints.
 *
 * <p>A stale lock needs no guesswork: the operating system drops a process's locks when it
 * dies (SIGKILL included), so a lock file whose lock can be taken belongs to nobody, whatever
 * process id it names. Such a file is taken over with a note. On release the file is emptied
 * rather than deleted, because deleting a lock file another process may have just opened would
 * let two processes lock two different files of the same name.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (created if needed) or says who holds it; {@code what} describes this run for the file. */
    static RunLock acquire(Path dir, String what) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (another command run in-process, as tests do)
        } catch (IOException e) {
            ch.close();
            throw new IOException("Could not lock " + file + ": " + e.getMessage(), e);
        }
        String holder = read(ch);
        if (lock == null) {
            ch.close();
            throw new IllegalStateException(dir + " is in use by another `gan train`" + (holder.isEmpty() ? "" : " ("
                    + holder + ")") + "; wait for it to finish, or choose another --out");
        }
        if (!holder.isEmpty()) {
            System.out.println("Note: " + file + " was left by " + holder + ", which "
                    + (alive(holder).orElse(false) ? "no longer holds it" : "is no longer running")
                    + "; taking it over");
        }
        byte[] me = ("process " + ProcessHandle.current().pid() + ", " + what + ", since " + Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        ch.truncate(0).write(ByteBuffer.wrap(me), 0);
        ch.force(true);
        return new RunLock(ch, lock);
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    /** Whether the process named in a lock file's text ("process 1234, ...") is alive, if it names one. */
    static Optional<Boolean> alive(String holder) {
        if (!holder.startsWith("process ")) {
            return Optional.empty();
        }
        int end = holder.indexOf(',');
        try {
            long pid = Long.parseLong(holder.substring("process ".length(), end < 0 ? holder.length() : end).trim());
            return Optional.of(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
