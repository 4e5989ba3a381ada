package dev.arbiter.service.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditQuery;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Submit -> triage.bpmn on the local engine -> job workers -> decision in the case store and the audit index. */
// Its engine stops after the class: close the context too, so its job workers stop polling.
@DirtiesContext
@ServiceWithLocalTokens
class TriageFlowTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
  }

  @AfterAll
  static void stopEngine() {
    ENGINE.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditIndex audit;

  @Test
  void aCleanPostIsAllowedAutomaticallyAndAudited() throws Exception {
    UUID caseId = submit("Lovely sunset at the lake this evening, photos soon!");

    AuditRecord record = awaitAudit(caseId);

    assertThat(record.actorType()).isEqualTo(AuditRecord.ActorType.AUTOMATED);
    assertThat(record.action()).isEqualTo("allow");
    assertThat(record.reasonCode()).isEqualTo("NO-VIOLATION");
    assertThat(record.policyVersion()).startsWith("v");
    assertThat(record.modelVersions()).isNotEmpty().allSatisfy((model, version) -> assertThat(version).startsWith("sha256:"));
    assertThat(jdbc.sql("select count(*) from decisions where case_id = :id").param("id", caseId).query(Long.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("select language from signals where case_id = :id").param("id", caseId).query(String.class).single())
        .isEqualTo("en");
  }

  private UUID submit(String text) throws Exception {
    String token = LocalTokens.trusted().token("service-account-platform-demo").realmRoles(Roles.PLATFORM).platformId("demo").sign();
    String body = JSON.writeValueAsString(Map.of(
        "externalId", "flow-" + UUID.randomUUID(), "authorId", "author-" + UUID.randomUUID(),
        "surface", "public_post", "locale", "en", "text", text));
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/content"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return UUID.fromString(JSON.readTree(response.body()).get("caseId").asText());
  }

  private AuditRecord awaitAudit(UUID caseId) throws Exception {
    for (int i = 0; i < 300; i++) {
      audit.refresh();
      List<AuditRecord> records =
          audit.search(new AuditQuery(null, caseId.toString(), null, null, null, null, null, null, 0, 10)).records();
      if (!records.isEmpty()) {
        return records.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no audit record for case " + caseId + " after 30 s; incidents: " + ENGINE.incidents());
  }
}
