package dev.arbiter.service.support;

import dev.arbiter.classifiers.spam.SpamExperiment;
import dev.arbiter.classifiers.spam.SpamModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A classifier registry file for tests with the real spam model: the one the classifiers module trains
 * (classifiers/target/spam-model), trained here the same way when it is missing.
 */
public final class TrainedClassifiers {

  private static Path config;

  private TrainedClassifiers() {}

  public static synchronized String registryFile() {
    if (config == null) {
      try {
        Path classifiers = LocalPart.repositoryRoot().resolve("classifiers");
        Path dataDir = classifiers.resolve(".local/spam-assassin");
        Path modelDir = classifiers.resolve("target/spam-model");
        SpamExperiment.run(
            SpamExperiment.prepare(dataDir), SpamModelSpec.defaults(), new SpamExperiment.Paths(dataDir, modelDir, null), true);
        config = Files.createTempFile("arbiter-classifiers", ".properties");
        Files.writeString(
            config,
            """
            classifiers=spam,coded
            classifier.spam.type=spam-model
            classifier.spam.model-dir=%s
            classifier.coded.type=coded-language
            """
                .formatted(modelDir.toAbsolutePath()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot prepare the spam model for the tests", e);
      }
    }
    return config.toString();
  }
}
