package dev.adversarial.gan.recipes;

import dev.adversarial.gan.core.data.ArrayDataset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipe's training data as {@link Recipe#loadTrainingData} returns it: the data set, the
 * settings with whatever the data determined filled in (a user's images fix {@code dcgan}'s
 * image size and channels, so that the model can later be rebuilt from settings alone), facts
 * for run.json (path, count, content hash) and notes for the person training.
 *
 * @param provenance what run.json records under "data" beside the data set's name and size
 * @param notes      what loading did that a person should know, one sentence each
 */
public record TrainingData(ArrayDataset dataset, Settings settings, Map<String, Object> provenance, List<String> notes) {
    /** The setting through which {@code gan train --data PATH} reaches a recipe that reads a user's data. */
    public static final String PATH_SETTING = "data.path";

    public TrainingData {
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance)); // keeps run.json's order
        notes = List.copyOf(notes);
    }
}
