package dev.arbiter.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real tokens from the local Keycloak: password grant for the demo users (through the test-only
 * client {@code arbiter-e2e}) and client credentials for machine clients. Secrets and passwords are
 * those of infra/keycloak/realm-arbiter.json, local only.
 */
final class KeycloakTokens {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String baseUrl;
  private final Map<String, Issued> byRole = new ConcurrentHashMap<>();

  /** Tokens are reused for a minute, well inside their five-minute lifetime. */
  private record Issued(String token, Instant at) {}

  KeycloakTokens(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** An access token of the demo identity holding {@code role}. */
  String forRole(String role) {
    Issued issued = byRole.get(role);
    if (issued == null || issued.at().isBefore(Instant.now().minusSeconds(60))) {
      issued = new Issued(issue(role), Instant.now());
      byRole.put(role, issued);
    }
    return issued.token();
  }

  private String issue(String role) {
    DemoIdentity identity = DemoIdentity.of(role);
    return identity.isMachineClient()
        ? clientCredentials(identity.name(), identity.name() + "-local-secret")
        : password(identity.name(), identity.name() + "-pass");
  }

  String password(String username, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", "arbiter-e2e");
    form.put("client_secret", "arbiter-e2e-local-secret");
    form.put("username", username);
    form.put("password", password);
    form.put("scope", "openid");
    return token(LocalKeycloak.REALM, form);
  }

  String clientCredentials(String clientId, String secret) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("client_secret", secret);
    return token(LocalKeycloak.REALM, form);
  }

  /** A genuine token of the same server's master realm: another issuer, another key. */
  String masterRealmAdmin() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", "admin-cli");
    form.put("username", System.getenv().getOrDefault("ARBITER_KEYCLOAK_ADMIN", "admin"));
    form.put(
        "password", System.getenv().getOrDefault("ARBITER_KEYCLOAK_ADMIN_PASSWORD", "admin"));
    return token("master", form);
  }

  private String token(String realm, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !json.hasNonNull("access_token")) {
        throw new AssertionError(
            "Keycloak refused a token for " + form.get("client_id") + ": " + response.body());
      }
      return json.get("access_token").asText();
    } catch (IOException e) {
      throw new AssertionError("Keycloak unreachable at " + baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
