package dev.arbiter.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.arbiter.service.audit.AuditRecord.ActorType;
import dev.arbiter.service.audit.AuditRecord.Kind;
import dev.arbiter.service.support.LocalPart;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit index against the real Elasticsearch: idempotent writes, filters, full text, aggregations. */
class AuditIndexTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private static RestClient restClient;
  private static ElasticsearchClient client;
  private static AuditIndex audit;

  @BeforeAll
  static void indexSomeDecisions() throws IOException {
    restClient = RestClient.builder(HttpHost.create(LocalPart.ELASTICSEARCH.url())).build();
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(json)));
    audit = new AuditIndex(client, "arbiter-audit-test-" + UUID.randomUUID());

    audit.record(record("d1", ActorType.AUTOMATED, "remove", "spam", T0, "Removed as spam: bulk links to a fake shop"));
    audit.record(record("d2", ActorType.HUMAN, "allow", "hate", T0.plusSeconds(3600), "Quoted for news reporting"));
    audit.record(record("d3", ActorType.HUMAN, "remove", "hate", T0.plusSeconds(7200), "Slur aimed at a group"));
    audit.record(record("d1", ActorType.AUTOMATED, "remove", "spam", T0, "Removed as spam: bulk links to a fake shop"));
    audit.refresh();
  }

  @AfterAll
  static void dropIndex() throws IOException {
    client.indices().delete(d -> d.index(audit.name()));
    restClient.close();
  }

  @Test
  void aRetriedWriteKeepsOneDocumentPerDecision() throws IOException {
    AuditSearchResult all = audit.search(query(null, null, null, null, null));
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.records()).extracting(AuditRecord::id).containsExactly("d3", "d2", "d1");
  }

  @Test
  void filtersByCategoryActionAndActorType() throws IOException {
    assertThat(audit.search(query(null, "hate", "remove", null, null)).records()).extracting(AuditRecord::id).containsExactly("d3");
    assertThat(audit.search(query(null, null, null, ActorType.AUTOMATED, null)).records()).extracting(AuditRecord::id).containsExactly("d1");
  }

  @Test
  void searchesStatementsOfReasonsByFullText() throws IOException {
    assertThat(audit.search(query("fake shop", null, null, null, null)).records()).extracting(AuditRecord::id).containsExactly("d1");
  }

  @Test
  void aggregatesByCategoryActionAndActorTypeOverAllMatches() throws IOException {
    AuditSearchResult result = audit.search(new AuditQuery(null, null, null, null, null, null, null, null, 0, 1));
    assertThat(result.records()).hasSize(1);
    assertThat(result.byCategory()).isEqualTo(Map.of("hate", 2L, "spam", 1L));
    assertThat(result.byAction()).isEqualTo(Map.of("remove", 2L, "allow", 1L));
    assertThat(result.byActorType()).isEqualTo(Map.of("HUMAN", 2L, "AUTOMATED", 1L));
  }

  @Test
  void filtersByDecisionTime() throws IOException {
    AuditSearchResult result =
        audit.search(new AuditQuery(null, null, null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(7200), 0, 50));
    assertThat(result.records()).extracting(AuditRecord::id).containsExactly("d2");
  }

  @Test
  void keepsModelVersionsScoresAndPolicyVersion() throws IOException {
    AuditRecord d1 = audit.search(query("fake shop", null, null, null, null)).records().get(0);
    assertThat(d1.modelVersions()).containsEntry("spam-text", "sha256:abc");
    assertThat(d1.scores()).containsEntry("spam", 0.97);
    assertThat(d1.policyVersion()).isEqualTo("3");
    assertThat(d1.decidedAt()).isEqualTo(T0);
  }

  private static AuditQuery query(String text, String category, String action, ActorType actorType, String policyVersion) {
    return new AuditQuery(text, null, category, action, actorType, policyVersion, null, null, 0, 50);
  }

  private static AuditRecord record(String id, ActorType actorType, String action, String category, Instant at, String statement) {
    return new AuditRecord(id, Kind.DECISION, "case-" + id, "content-" + id, "platform-demo",
        actorType == ActorType.AUTOMATED ? "policy" : "moderator1", actorType, action, category,
        category + "-" + action, "3", Map.of("spam-text", "sha256:abc"), Map.of("spam", 0.97), "general",
        actorType == ActorType.HUMAN ? 60_000L : null, null, at, at.plusSeconds(1), null, statement, null, null);
  }
}
