package dev.arbiter.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service describes its API in OpenAPI 3, without a token, with the bearer scheme every call needs. */
@ServiceWithLocalTokens
class OpenApiTest {

  @LocalServerPort int port;

  @Test
  void describesTheApiAndItsSecurity() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode api = new ObjectMapper().readTree(response.body());
    assertThat(api.get("openapi").asText()).startsWith("3.");
    assertThat(api.get("paths").has("/api/v1/content")).isTrue();
    assertThat(api.get("paths").has("/api/v1/queues/{queue}/claim-next")).isTrue();
    assertThat(api.get("paths").has("/api/v1/reviews/{id}/decision")).isTrue();
    assertThat(api.get("paths").has("/api/v1/audit/search")).isTrue();
    assertThat(api.at("/components/securitySchemes/keycloak/scheme").asText()).isEqualTo("bearer");
    assertThat(api.at("/paths/~1api~1v1~1audit~1search/get/description").asText()).isEqualTo("Roles: auditor.");
    assertThat(api.at("/paths/~1api~1v1~1content/post/description").asText()).isEqualTo("Roles: platform.");
  }
}
