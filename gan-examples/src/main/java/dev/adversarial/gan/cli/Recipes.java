package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.adversarial.gan.recipes.Recipe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The recipes bound in {@link dev.adversarial.gan.recipes.RecipesModule}, looked up by name. */
@Singleton
final class Recipes {
    private final Map<String, Recipe> byName;

    @Inject
    Recipes(Map<String, Recipe> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Every recipe, by name, in the order RecipesModule binds them. */
    Map<String, Recipe> all() {
        return byName;
    }

    Recipe recipe(String name) {
        Recipe r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("Unknown recipe '" + name + "'. Available: "
                    + String.join(", ", new TreeSet<>(byName.keySet())));
        }
        return r;
    }
}
