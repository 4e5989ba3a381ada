package dev.arbiter.service.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points every test application context at the real local Elasticsearch and PostgreSQL (over application.yaml). */
public class LocalPartsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "arbiterLocalParts",
                Map.of(
                    "spring.elasticsearch.uris", (Object) LocalPart.ELASTICSEARCH.url(),
                    "spring.datasource.url", LocalPart.POSTGRES.url())));
  }
}
