package dev.adversarial.gan.recipes;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/**
 * Binds every recipe under its name. Adding a recipe is one line here; the command line
 * lists, validates and runs whatever is bound.
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
    }
}
