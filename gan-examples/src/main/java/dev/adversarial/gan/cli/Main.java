package dev.adversarial.gan.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gan} command line. Errors a user can fix are printed as one sentence (what was
 * wrong, how to fix it) with exit code 1; the stack trace appears only with GAN_DEBUG=1.
 */
@Command(name = "gan", mixinStandardHelpOptions = true, versionProvider = Versions.Provider.class,
        description = "Generative Adversarial Nets (Goodfellow et al., 2014) on the JVM.",
        subcommands = {TrainCommand.class, SampleCommand.class, ExportCommand.class, EvaluateCommand.class,
                BenchCommand.class, DataCommand.class, SweepCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (what tests call). */
    public static int run(String... args) {
        // Every command and mixin is built by the injector, so each gets its @Inject fields (see Wiring).
        CommandLine cli = new CommandLine(Main.class, Wiring.factory(Wiring.injector()));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("gan: error: " + describe(e));
            if ("1".equals(System.getenv("GAN_DEBUG"))) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set GAN_DEBUG=1 to see the stack trace)");
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * The most useful message in a chain of causes: the first one with words of its own. A
     * wrapper that only repeats its cause (an UncheckedIOException made from an IOException)
     * is skipped; one that adds context keeps it. A file-system exception whose message is only
     * a path (FileAlreadyExistsException, for one) gets its kind spelled out.
     */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException fs && fs.getReason() == null && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + kind(fs);
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static String kind(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists (and is in the way)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a directory that is not empty";
        }
        return e.getClass().getSimpleName();
    }
}
