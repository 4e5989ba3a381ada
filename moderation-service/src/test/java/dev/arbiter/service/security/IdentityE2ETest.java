package dev.arbiter.service.security;

import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.security.EndpointInventory.Endpoint;
import dev.arbiter.service.security.HttpCalls.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The service against the real Keycloak with the realm of infra/keycloak: genuine tokens for every
 * role, each endpoint of the inventory admitting exactly its declared roles, and the rejection of
 * missing, expired, foreign and tampered tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityE2ETest {

  private static KeycloakTokens keycloak;

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private HttpCalls http;

  @Autowired JdbcClient jdbc;
  @Autowired ReviewQueues queues;

  @DynamicPropertySource
  static void realKeycloak(DynamicPropertyRegistry registry) {
    registry.add("arbiter.security.issuer-uri", LocalKeycloak::issuer);
    registry.add("arbiter.security.admin.server-url", LocalKeycloak::url);
    // Keycloak and the service share this machine's clock; a one-second expiry is then observable.
    registry.add("arbiter.security.clock-skew", () -> "1s");
  }

  @BeforeAll
  static void connectToKeycloak() {
    keycloak = new KeycloakTokens(LocalKeycloak.url());
  }

  @BeforeEach
  void connect() {
    http = new HttpCalls(port);
  }

  @Test
  void everyRoleHasADemoIdentityWhoseTokenCarriesItsRoleAndGroups() throws Exception {
    assertThat(DemoIdentity.ALL).extracting(DemoIdentity::role).containsExactlyInAnyOrderElementsOf(Roles.ALL);
    for (DemoIdentity identity : DemoIdentity.ALL) {
      JsonNode claims =
          new ObjectMapper().readTree(LocalTokens.payloadOf(keycloak.forRole(identity.role())));
      assertThat(claims.at("/realm_access/roles")).extracting(JsonNode::asText).contains(identity.role());
      assertThat(claims.get("aud")).extracting(JsonNode::asText).contains("arbiter-service");
      assertThat(claims.get("iss").asText()).isEqualTo(LocalKeycloak.issuer());
      JsonNode groups = claims.path("groups");
      assertThat(groups).as("groups of %s", identity.name())
          .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(identity.groups());
    }
  }

  @TestFactory
  List<DynamicTest> everyEndpointAdmitsItsRolesAndRefusesTheOthers() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : EndpointInventory.apiEndpoints(mapping)) {
      String method = endpoint.method().name();
      String anyPath = endpoint.examplePath(DemoIdentity.of(Roles.MODERATOR));
      tests.add(
          dynamicTest(
              endpoint + " without a token is 401",
              () -> assertThat(http.call(method, anyPath, null).status()).isEqualTo(401)));
      for (DemoIdentity caller : DemoIdentity.ALL) {
        boolean allowed = endpoint.roles().contains(caller.role());
        String expected =
            allowed ? endpoint.admittedAnswer().map(String::valueOf).orElse("2xx") : "403";
        tests.add(
            dynamicTest(
                endpoint + " as " + caller.role() + " is " + expected,
                () -> {
                  Reply reply =
                      http.call(method, endpoint.examplePath(caller), endpoint.exampleBody(), keycloak.forRole(caller.role()));
                  if (!allowed) {
                    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
                  } else if (endpoint.admittedAnswer().isPresent()) {
                    assertThat(reply.status()).as(reply.body()).isEqualTo(endpoint.admittedAnswer().get());
                  } else {
                    assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
                  }
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(Roles.ALL.size());
    return tests;
  }

  @Test
  void meShowsWhatKeycloakSaysAboutAModerator() {
    Reply reply = http.get("/api/v1/me", keycloak.password("moderator2", "moderator2-pass"));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode me = reply.json();
    assertThat(me.get("username").asText()).isEqualTo("moderator2");
    assertThat(me.get("subject").asText()).hasSize(36);
    assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("moderator");
    assertThat(me.get("queues")).extracting(JsonNode::asText).containsExactly("adult-content", "audit-hash-match", "coded-language", "hate-speech", "violence");
    assertThat(me.get("languages")).extracting(JsonNode::asText).containsExactly("de", "en");
  }

  @Test
  void aPlatformClientCarriesItsPlatform() {
    Reply demo = http.get("/api/v1/me", keycloak.forRole(Roles.PLATFORM));
    Reply other =
        http.get("/api/v1/me", keycloak.clientCredentials("platform-other", "platform-other-local-secret"));

    assertThat(demo.json().get("platformId").asText()).isEqualTo("demo");
    assertThat(other.json().get("platformId").asText()).isEqualTo("other");
    assertThat(other.json().get("roles")).extracting(JsonNode::asText).containsExactly("platform");
  }

  @Test
  void seniorModeratorsListAQueuesMembersThroughTheAdminApi() {
    Reply reply =
        http.get("/api/v1/queues/hate-speech/moderators", keycloak.forRole(Roles.SENIOR_MODERATOR));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json()).extracting(m -> m.get("username").asText())
        .containsExactlyInAnyOrder("moderator2", "senior1");
    JsonNode jonas = reply.json().findParents("username").stream()
        .filter(m -> m.get("username").asText().equals("moderator2")).findFirst().orElseThrow();
    assertThat(jonas.get("firstName").asText()).isEqualTo("Jonas");
    assertThat(jonas.get("email").asText()).isEqualTo("moderator2@arbiter.local");
  }

  @Test
  void aSeniorReassignsAnItemToAMemberOfItsQueueButNotToAnOutsider() {
    String moderator1 = subjectOf(keycloak.password("moderator1", "moderator1-pass"));
    String moderator2 = subjectOf(keycloak.password("moderator2", "moderator2-pass"));
    UUID caseId = UUID.randomUUID();
    jdbc.sql("insert into cases (id, platform_id, external_id, author_id, surface, status) values (:id, 'demo', :ext, 'a', 'post', 'triaging')")
        .param("id", caseId).param("ext", "reassign-" + caseId).update();
    QueueItem item = queues.enqueue(new NewQueueItem(caseId, "general", QueueItem.Kind.REVIEW, "en", 3, null, List.of(), false));
    String senior = keycloak.forRole(Roles.SENIOR_MODERATOR);

    Reply outsider = http.call("POST", "/api/v1/queue-items/" + item.id() + "/reassign",
        Optional.of(new ExampleBodies.Body("application/json", ("{\"moderator\":\"" + moderator2 + "\"}").getBytes(StandardCharsets.UTF_8))), senior);
    assertThat(outsider.status()).as(outsider.body()).isEqualTo(422);

    Reply reassigned = http.call("POST", "/api/v1/queue-items/" + item.id() + "/reassign",
        Optional.of(new ExampleBodies.Body("application/json", ("{\"moderator\":\"" + moderator1 + "\"}").getBytes(StandardCharsets.UTF_8))), senior);
    assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(200);
    QueueItem after = queues.find(item.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(QueueItem.State.LEASED);
    assertThat(after.leasedBy()).isEqualTo(moderator1);
    assertThat(jdbc.sql("select count(*) from case_events where case_id = :id and kind = 'REASSIGNMENT'").param("id", caseId)
        .query(Long.class).single()).isEqualTo(1);
  }

  private static String subjectOf(String token) {
    try {
      String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).get("sub").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void anUnknownQueueIsNotFound() {
    Reply reply =
        http.get("/api/v1/queues/no-such-queue/moderators", keycloak.forRole(Roles.SENIOR_MODERATOR));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("detail").asText()).contains("no-such-queue");
  }

  @Test
  void anExpiredTokenIsUnauthorized() throws Exception {
    // This test-only client's tokens live one second; its service account holds the auditor role.
    String token = keycloak.clientCredentials("arbiter-e2e-expiring", "arbiter-e2e-expiring-local-secret");
    long expiresAt = new ObjectMapper().readTree(LocalTokens.payloadOf(token)).get("exp").asLong();
    while (Instant.now().getEpochSecond() <= expiresAt + 2) {
      Thread.sleep(250);
    }

    Reply reply = http.get("/api/v1/me", token);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.wwwAuthenticate()).contains("expired");
  }

  @Test
  void aTokenOfAnotherIssuerIsUnauthorized() {
    String token = keycloak.masterRealmAdmin();
    assertThat(LocalTokens.payloadOf(token)).contains("/realms/master\"");

    Reply reply = http.get("/api/v1/me", token);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("status").asInt()).isEqualTo(401);
  }

  @Test
  void aTamperedTokenIsUnauthorized() {
    String token = keycloak.forRole(Roles.APPELLANT);
    String payload = LocalTokens.payloadOf(token);
    String elevated = payload.replace("\"appellant\"", "\"senior-moderator\"");
    assertThat(elevated).isNotEqualTo(payload);

    Reply reply = http.get("/api/v1/queues/general/moderators", LocalTokens.tamper(token, elevated));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.wwwAuthenticate()).contains("invalid_token");
  }
}
