package dev.adversarial.gan.cli;

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
        CommandLine cli = new CommandLine(new Main());
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

    /** The most useful message in a chain of causes. */
    static String describe(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
