package dev.arbiter.service.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The appeals transparency report, computed by Elasticsearch from audit records written into a day of
 * their own (two random days of this century), so other tests' records do not count.
 */
@ServiceWithLocalTokens
class TransparencyReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired AuditIndex audit;

  private Instant day;

  @BeforeEach
  void aDayOfItsOwn() throws Exception {
    day = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(36_000)));
    // Outcomes with hours from filing to decision: spam 2 (overturned), 4, 30; hate 10; violence 1 (overturned).
    appeal("spam", "overturned", 2);
    appeal("spam", "upheld", 4);
    appeal("spam", "upheld", 30);
    appeal("spam", "ineligible", null);
    appeal("hate_speech", "upheld", 10);
    appeal("violence", "overturned", 1);
    // Neither a filing before the day nor an escalation counts.
    write(AuditRecord.Kind.APPEAL_FILED, "spam", "filed", day.minusSeconds(1), null);
    write(AuditRecord.Kind.ESCALATION, "spam", "escalated", day.plusSeconds(60), 1000L);
    audit.refresh();
  }

  @Test
  void appealsAreCountedByOutcomeAndCategoryWithTheMedianTimeToDecide() throws Exception {
    JsonNode report = report(day, day.plus(Duration.ofDays(2)), Roles.AUDITOR);

    JsonNode appeals = report.get("appeals");
    assertThat(appeals.get("filed").asLong()).isEqualTo(6);
    assertThat(appeals.get("decided").asLong()).isEqualTo(5);
    assertThat(appeals.get("overturned").asLong()).isEqualTo(2);
    assertThat(appeals.get("upheld").asLong()).isEqualTo(3);
    assertThat(appeals.get("ineligible").asLong()).isEqualTo(1);
    assertThat(appeals.get("overturnRate").asDouble()).isCloseTo(0.4, within(1e-9));
    assertThat(appeals.get("medianHoursToDecide").asDouble()).isCloseTo(4.0, within(0.01));

    Map<String, JsonNode> byCategory = new java.util.HashMap<>();
    report.get("byCategory").forEach(c -> byCategory.put(c.get("category").asText(), c));
    assertThat(byCategory).containsOnlyKeys("spam", "hate_speech", "violence");
    assertThat(byCategory.get("spam").get("filed").asLong()).isEqualTo(4);
    assertThat(byCategory.get("spam").get("decided").asLong()).isEqualTo(3);
    assertThat(byCategory.get("spam").get("overturned").asLong()).isEqualTo(1);
    assertThat(byCategory.get("spam").get("medianHoursToDecide").asDouble()).isCloseTo(4.0, within(0.01));
    assertThat(byCategory.get("hate_speech").get("medianHoursToDecide").asDouble()).isCloseTo(10.0, within(0.02));
    assertThat(byCategory.get("violence").get("overturned").asLong()).isEqualTo(1);
  }

  @Test
  void anEmptyPeriodHasNoMedianAndPolicyExpertsMayReadIt() throws Exception {
    JsonNode report = report(day.minus(Duration.ofDays(2)), day.minus(Duration.ofDays(1)), Roles.POLICY_EXPERT);

    assertThat(report.get("appeals").get("filed").asLong()).isZero();
    assertThat(report.get("appeals").get("medianHoursToDecide").isNull()).isTrue();
    assertThat(report.get("appeals").get("overturnRate").isNull()).isTrue();
    assertThat(report.get("byCategory")).isEmpty();
  }

  private void appeal(String category, String outcome, Integer hours) throws Exception {
    write(AuditRecord.Kind.APPEAL_FILED, category, "filed", day.plusSeconds(10), null);
    Instant decided = day.plus(Duration.ofHours(hours == null ? 0 : hours)).plusSeconds(10);
    write(AuditRecord.Kind.APPEAL_DECISION, category, outcome, decided, hours == null ? null : Duration.ofHours(hours).toMillis());
  }

  private void write(AuditRecord.Kind kind, String category, String outcome, Instant at, Long waitMillis) throws Exception {
    String id = UUID.randomUUID().toString();
    audit.record(new AuditRecord(id, kind, UUID.randomUUID().toString(), "demo/report-" + id, "demo", "expert", AuditRecord.ActorType.HUMAN,
        outcome, category, null, null, Map.of(), Map.of(), "appeals", waitMillis, UUID.randomUUID().toString(), at, Instant.now(),
        null, null, UUID.randomUUID().toString(), outcome));
  }

  private JsonNode report(Instant from, Instant to, String role) throws Exception {
    String token = LocalTokens.trusted().token("report-reader").realmRoles(role).sign();
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/transparency/report?from=" + from + "&to=" + to))
            .header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
