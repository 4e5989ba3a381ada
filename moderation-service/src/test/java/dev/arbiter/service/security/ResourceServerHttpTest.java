package dev.arbiter.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.arbiter.service.security.EndpointInventory.Endpoint;
import dev.arbiter.service.security.HttpCalls.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The resource server over real HTTP with locally signed tokens: decoding, issuer, audience and
 * lifetime checks, role mapping, and the role declared by every /api endpoint. No Keycloak: the
 * admin API points at a closed port.
 */
@ServiceWithLocalTokens
class ResourceServerHttpTest {

  private final LocalTokens tokens = LocalTokens.trusted();

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private HttpCalls http;

  @BeforeEach
  void connect() {
    http = new HttpCalls(port);
  }

  @Test
  void realmAndServiceClientRolesBecomeTheCallersRoles() {
    String token =
        tokens
            .token("moderator2")
            .subject("f3c6c1c8-2d1e-4a55-9d1b-6c2f0e0a1b2c")
            .realmRoles(Roles.MODERATOR)
            .clientRoles(Roles.AUDITOR)
            .groups("/queues/hate-speech", "/languages/de", "/languages/en")
            .sign();

    Reply reply = http.get("/api/v1/me", token);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("subject").asText()).isEqualTo("f3c6c1c8-2d1e-4a55-9d1b-6c2f0e0a1b2c");
    assertThat(reply.json().get("username").asText()).isEqualTo("moderator2");
    assertThat(reply.json().get("roles")).extracting(n -> n.asText()).containsExactly("auditor", "moderator");
    assertThat(reply.json().get("queues")).extracting(n -> n.asText()).containsExactly("hate-speech");
    assertThat(reply.json().get("languages")).extracting(n -> n.asText()).containsExactly("de", "en");
    assertThat(reply.json().get("platformId").isNull()).isTrue();
  }

  @Test
  void aPlatformClientSeesItsPlatform() {
    String token = tokens.token("service-account-platform-demo").realmRoles(Roles.PLATFORM).platformId("demo").sign();

    Reply reply = http.get("/api/v1/me", token);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("platformId").asText()).isEqualTo("demo");
    assertThat(reply.json().get("roles")).extracting(n -> n.asText()).containsExactly("platform");
  }

  @Test
  void clientRolesOfOtherClientsAreNotArbiterRoles() {
    String token = tokens.token("someone").sign();

    Reply reply = http.get("/api/v1/me", token);

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void noTokenIsUnauthorized() {
    assertUnauthorized(http.get("/api/v1/me", null), "Bearer");
  }

  @Test
  void anExpiredTokenIsUnauthorized() {
    String token =
        tokens.token("moderator1").realmRoles(Roles.MODERATOR)
            .issuedAgo(Duration.ofMinutes(10), Duration.ofMinutes(5)).sign();

    assertUnauthorized(http.get("/api/v1/me", token), "expired");
  }

  @Test
  void aTokenFromAnotherIssuerIsUnauthorized() {
    String token =
        tokens.token("moderator1").realmRoles(Roles.MODERATOR)
            .issuer("http://localhost:8180/realms/arbiter").sign();

    assertUnauthorized(http.get("/api/v1/me", token), "iss");
  }

  @Test
  void aTokenForAnotherAudienceIsUnauthorized() {
    String token = tokens.token("moderator1").realmRoles(Roles.MODERATOR).audience("account").sign();

    assertUnauthorized(http.get("/api/v1/me", token), "aud");
  }

  @Test
  void aTamperedTokenIsUnauthorized() {
    String token = tokens.token("appellant1").realmRoles(Roles.APPELLANT).sign();
    String payload = LocalTokens.payloadOf(token);
    String elevated = payload.replace("\"appellant\"", "\"senior-moderator\"");
    assertThat(elevated).isNotEqualTo(payload);

    assertUnauthorized(
        http.get("/api/v1/queues/general/moderators", LocalTokens.tamper(token, elevated)), "signature");
  }

  @Test
  void aTokenSignedByAnUnknownKeyIsUnauthorized() {
    String token = LocalTokens.untrusted().token("senior1").realmRoles(Roles.SENIOR_MODERATOR).sign();

    assertUnauthorized(http.get("/api/v1/queues/general/moderators", token), "signature");
  }

  @Test
  void aWrongRoleIsForbiddenWithAProblemBody() {
    String token = tokens.token("moderator1").realmRoles(Roles.MODERATOR).groups("/queues/general").sign();

    Reply reply = http.get("/api/v1/queues/general/moderators", token);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(403);
    assertThat(reply.json().get("instance").asText()).isEqualTo("/api/v1/queues/general/moderators");
    assertThat(reply.wwwAuthenticate()).contains("insufficient_scope");
  }

  @Test
  void anUnreachableDirectoryIsServiceUnavailable() {
    String token = tokens.token("senior1").realmRoles(Roles.SENIOR_MODERATOR).sign();

    Reply reply = http.get("/api/v1/queues/general/moderators", token);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.json().get("detail").asText()).contains("directory is unavailable");
  }

  @Test
  void anInvalidQueueNameIsABadRequest() {
    String token = tokens.token("senior1").realmRoles(Roles.SENIOR_MODERATOR).sign();

    Reply reply = http.get("/api/v1/queues/General%20Queue/moderators", token);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("detail").asText()).contains("lower case");
  }

  @Test
  void healthIsPublicAndOtherActuatorEndpointsNeedAToken() {
    Reply health = http.get("/actuator/health", null);
    assertThat(health.status()).isNotIn(401, 403);
    assertThat(health.json().has("status")).isTrue();

    assertUnauthorized(http.get("/actuator/info", null), "Bearer");
    String token = tokens.token("auditor1").realmRoles(Roles.AUDITOR).sign();
    assertThat(http.get("/actuator/info", token).status()).isEqualTo(200);
  }

  @TestFactory
  List<DynamicTest> everyEndpointAdmitsItsRolesAndRefusesTheOthers() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : EndpointInventory.apiEndpoints(mapping)) {
      String method = endpoint.method().name();
      String anyPath = endpoint.examplePath(DemoIdentity.of(Roles.MODERATOR));
      tests.add(
          dynamicTest(
              endpoint + " without a token",
              () -> assertThat(http.call(method, anyPath, null).status()).isEqualTo(401)));
      for (DemoIdentity caller : DemoIdentity.ALL) {
        boolean allowed = endpoint.roles().contains(caller.role());
        tests.add(
            dynamicTest(
                endpoint + " as " + caller.role() + (allowed ? " is admitted" : " is forbidden"),
                () -> {
                  Reply reply =
                      http.call(method, endpoint.examplePath(caller), endpoint.exampleBody(), caller.localToken(tokens));
                  if (allowed) {
                    // Without Keycloak or data, an admitted call may still fail further in.
                    assertThat(reply.status()).as(reply.body()).isNotIn(401, 403);
                  } else {
                    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
                  }
                }));
      }
    }
    assertThat(tests).isNotEmpty();
    return tests;
  }

  private static void assertUnauthorized(Reply reply, String reason) {
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(401);
    assertThat(reply.wwwAuthenticate()).startsWith("Bearer");
    assertThat(reply.wwwAuthenticate() + " " + reply.json().get("detail").asText()).contains(reason);
  }
}
