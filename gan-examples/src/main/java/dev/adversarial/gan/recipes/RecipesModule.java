package dev.adversarial.gan.recipes;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.ServiceLoader;

/**
 * Binds every recipe under its name. Adding a recipe is one line here; the command line
 * lists, validates and runs whatever is bound.
 *
 * <p>Recipes from elsewhere on the class path are bound too: a jar (or a test class path) that
 * names implementations of {@link Recipe} in {@code META-INF/services/dev.adversarial.gan.recipes.Recipe}
 * adds them without editing this file (the tests add a small conditional recipe that way). A
 * name already bound is refused by Guice at startup, so a plug-in cannot replace a built-in.
 */
public final class RecipesModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, Recipe> recipes = MapBinder.newMapBinder(binder(), String.class, Recipe.class);
        recipes.addBinding(PaperMnistRecipe.NAME).to(PaperMnistRecipe.class);
        recipes.addBinding(Toy1dRecipe.NAME).to(Toy1dRecipe.class);
        recipes.addBinding(DcganMnistRecipe.NAME).to(DcganMnistRecipe.class);
        recipes.addBinding(Toy2dRecipe.NAME).to(Toy2dRecipe.class);
        recipes.addBinding(DcganRecipe.NAME).to(DcganRecipe.class);
        recipes.addBinding(CganMnistRecipe.NAME).to(CganMnistRecipe.class);
        for (Recipe r : ServiceLoader.load(Recipe.class)) {
            recipes.addBinding(r.name()).toInstance(r);
        }
    }
}
