package dev.arbiter.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.service.security.HttpCalls.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web UI (appeals-ui) served by the service: its files and routes are public, its configuration names
 * the Keycloak client, and the API behind it still needs a token.
 */
@ServiceWithLocalTokens
class WebUiHttpTest {

  @LocalServerPort int port;

  private HttpCalls http;

  @BeforeEach
  void connect() {
    http = new HttpCalls(port);
  }

  @Test
  void theStartPageIsTheAppAndPublic() throws Exception {
    // As a browser asks for it (the welcome page answers only requests accepting HTML).
    HttpResponse<String> reply =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(reply.body()).contains("<div id=\"root\">");
  }

  @Test
  void theRoutesOfTheAppServeIndexHtml() {
    for (String route : new String[] {"/moderator", "/moderator/items/00000000-0000-4000-8000-000000000000", "/my/appeals/x", "/callback"}) {
      Reply reply = http.get(route, null);
      assertThat(reply.status()).as(route).isEqualTo(200);
      assertThat(reply.body()).as(route).contains("<div id=\"root\">");
    }
  }

  @Test
  void theConfigurationNamesTheIssuerAndThePublicClient() {
    Reply reply = http.get("/config.json", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("issuer").asText()).isEqualTo(LocalTokens.ISSUER);
    assertThat(reply.json().get("clientId").asText()).isEqualTo("appeals-ui");
  }

  @Test
  void missingFilesAreNotFoundRatherThanTheApp() {
    assertThat(http.get("/assets/nothing-here.js", null).status()).isEqualTo(404);
    assertThat(http.get("/nothing-here.png", null).status()).isEqualTo(404);
  }

  @Test
  void theApiBehindTheAppStillNeedsAToken() {
    assertThat(http.get("/api/v1/me", null).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/no-such-endpoint", null).status()).isEqualTo(401);
    assertThat(http.get("/actuator/info", null).status()).isEqualTo(401);
    assertThat(http.call("POST", "/moderator", null).status()).isEqualTo(401);
  }
}
