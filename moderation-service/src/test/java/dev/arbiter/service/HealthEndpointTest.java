package dev.arbiter.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void unreachableEngine(DynamicPropertyRegistry registry) {
    // Nothing listens here: the engine component must report DOWN rather than hide.
    registry.add("camunda.client.grpc-address", () -> "http://127.0.0.1:1");
  }

  @Test
  void healthShowsElasticsearchAndTheWorkflowEngine() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode health = new ObjectMapper().readTree(response.body());

    assertThat(health.at("/components/elasticsearch/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/workflowEngine/status").asText()).isEqualTo("DOWN");
    assertThat(health.at("/status").asText()).isEqualTo("DOWN");
    assertThat(response.statusCode()).isEqualTo(503);
  }
}
