package dev.arbiter.service.support;

import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Points every test application context at the real local Elasticsearch and PostgreSQL (over application.yaml),
 * below a test's own properties, so a test may still route one of them elsewhere (through a proxy, say).
 */
public class LocalPartsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final List<String> TEST_PROPERTIES = List.of("Dynamic Test Properties", "Inlined Test Properties");

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    MapPropertySource localParts =
        new MapPropertySource(
            "arbiterLocalParts",
            Map.of(
                "spring.elasticsearch.uris", (Object) LocalPart.ELASTICSEARCH.url(),
                "spring.datasource.url", LocalPart.POSTGRES.url()));
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    String lowestTestSource = null;
    for (var source : sources) {
      if (TEST_PROPERTIES.contains(source.getName())) {
        lowestTestSource = source.getName();
      }
    }
    if (lowestTestSource == null) {
      sources.addFirst(localParts);
    } else {
      sources.addAfter(lowestTestSource, localParts);
    }
  }
}
