package dev.adversarial.gan.cli;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.adversarial.gan.recipes.RecipesModule;
import java.time.Clock;
import picocli.CommandLine;

/**
 * The command line's Guice wiring. The injector holds the recipes ({@link RecipesModule}), the
 * {@link BackendFactory}, the {@link Clock} run records are stamped with, and the classes built
 * from them ({@link Recipes}, {@link TrainingRun}, {@link RunProvenance}). picocli creates every
 * command and mixin through {@link #factory}, so a command declares what it needs as
 * {@code @Inject} fields; see gan-examples/README.md.
 */
final class Wiring extends AbstractModule {
    private final Clock clock;

    Wiring(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void configure() {
        install(new RecipesModule());
        bind(Clock.class).toInstance(clock);
    }

    /** The injector of a normal run: the system clock in UTC. */
    static Injector injector() {
        return Guice.createInjector(new Wiring(Clock.systemUTC()));
    }

    /**
     * picocli's factory backed by {@code injector}: commands and mixins get their {@code @Inject}
     * fields; picocli's own classes (help, converters) that Guice cannot build come from picocli.
     */
    static CommandLine.IFactory factory(Injector injector) {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (!type.getPackageName().startsWith("dev.adversarial.gan")) {
                    return fallback.create(type);
                }
                try {
                    return injector.getInstance(type);
                } catch (ConfigurationException e) {
                    return fallback.create(type);
                } catch (ProvisionException e) {
                    // Guice wraps a constructor's exception in a multi-line dump; the cause says it in one sentence.
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        };
    }
}
