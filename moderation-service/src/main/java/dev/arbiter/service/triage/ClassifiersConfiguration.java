package dev.arbiter.service.triage;

import dev.arbiter.classifiers.ClassifierRegistry;
import dev.arbiter.classifiers.coded.CodedLanguageDetector;
import dev.arbiter.classifiers.coded.TermLists;
import dev.arbiter.classifiers.extraction.ExtractionLimits;
import dev.arbiter.classifiers.extraction.TikaContentExtractor;
import dev.arbiter.classifiers.language.LanguageIdentifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The classifiers library's parts the triage jobs use, one of each per service. */
@Configuration
class ClassifiersConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ClassifiersConfiguration.class);

  /**
   * The classifiers named in the registry file (see the classifiers README: spam model, hash banks, text
   * models). Without one, only the coded-language detector runs, and the service says so at start.
   */
  @Bean(destroyMethod = "close")
  ClassifierRegistry classifierRegistry(@Value("${arbiter.classifiers.config:}") String config) throws IOException {
    if (!config.isBlank()) {
      return ClassifierRegistry.load(Path.of(config));
    }
    log.warn("arbiter.classifiers.config is not set: only the coded-language detector runs (no spam model, no hash banks)");
    return new ClassifierRegistry(List.of(new CodedLanguageDetector("coded-language", TermLists.loadAll())));
  }

  @Bean
  LanguageIdentifier languageIdentifier() {
    return LanguageIdentifier.withDefaults();
  }

  @Bean(destroyMethod = "close")
  TikaContentExtractor contentExtractor(
      LanguageIdentifier languages,
      @Value("${arbiter.extraction.max-bytes:26214400}") long maxBytes,
      @Value("${arbiter.extraction.timeout:PT20S}") Duration timeout) {
    ExtractionLimits limits = ExtractionLimits.DEFAULTS.withMaxBytes(maxBytes).withTimeout(timeout);
    return new TikaContentExtractor(limits, Optional.of(languages));
  }
}
