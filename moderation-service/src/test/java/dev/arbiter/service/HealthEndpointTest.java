package dev.arbiter.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Actuator health shows Elasticsearch, PostgreSQL and the workflow engine, reached for real. */
class HealthEndpointTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());

  @AfterAll
  static void stopEngine() {
    ENGINE.close();
  }

  @Nested
  @DirtiesContext
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  class WithEveryPartUp {

    @LocalServerPort int port;

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
      registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
    }

    @Test
    void healthIsUpWithEachPartListed() throws Exception {
      HttpResponse<String> response = health(port);
      JsonNode health = new ObjectMapper().readTree(response.body());

      assertThat(health.at("/components/elasticsearch/status").asText()).isEqualTo("UP");
      assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
      assertThat(health.at("/components/camundaClient/status").asText()).isEqualTo("UP");
      assertThat(health.at("/status").asText()).isEqualTo("UP");
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Nested
  @DirtiesContext
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  class WithTheEngineDown {

    @LocalServerPort int port;

    @DynamicPropertySource
    static void unreachableEngine(DynamicPropertyRegistry registry) {
      registry.add("camunda.client.grpc-address", () -> "http://127.0.0.1:1");
    }

    @Test
    void healthNamesTheEngineAsDown() throws Exception {
      HttpResponse<String> response = health(port);
      JsonNode health = new ObjectMapper().readTree(response.body());

      assertThat(health.at("/components/elasticsearch/status").asText()).isEqualTo("UP");
      assertThat(health.at("/components/camundaClient/status").asText()).isEqualTo("DOWN");
      assertThat(health.at("/status").asText()).isEqualTo("DOWN");
      assertThat(response.statusCode()).isEqualTo(503);
    }
  }

  private static HttpResponse<String> health(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
