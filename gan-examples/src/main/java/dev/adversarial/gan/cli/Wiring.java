package dev.adversarial.gan.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.RecipesModule;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Builds the Guice injector for one command: the recipes, and the backend the user chose. */
final class Wiring {
    private final Injector injector;

    Wiring(String backendName, String device) {
        if (device != null) {
            String d = device.toLowerCase(Locale.ROOT);
            if (!d.equals("gpu") && !d.equals("cpu")) {
                throw new IllegalArgumentException("--device must be gpu or cpu, got '" + device + "'");
            }
            System.setProperty("gan.djl.device", d);
        }
        this.injector = Guice.createInjector(new RecipesModule(), new AbstractModule() {
            @Provides
            @Singleton
            Backend backend() {
                return backendName == null ? Backends.get() : Backends.get(backendName);
            }
        });
    }

    Map<String, Recipe> recipes() {
        return injector.getInstance(Key.get(new TypeLiteral<Map<String, Recipe>>() { }));
    }

    Recipe recipe(String name) {
        Recipe r = recipes().get(name);
        if (r == null) {
            throw new IllegalArgumentException("Unknown recipe '" + name + "'. Available: "
                    + String.join(", ", new TreeSet<>(recipes().keySet())));
        }
        return r;
    }

    Backend backend() {
        return injector.getInstance(Backend.class);
    }
}
