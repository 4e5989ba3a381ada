package dev.arbiter.service.triage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Writes a decision to the audit index with everything an auditor needs. The document id is the
 * decision id, so the retries Camunda makes while Elasticsearch is down leave exactly one document.
 */
@Service
public class RecordingDecision {

  private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> VERSIONS = new TypeReference<>() {};

  private final Decisions decisions;
  private final Cases cases;
  private final ReviewQueues queues;
  private final AuditIndex audit;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public RecordingDecision(
      Decisions decisions, Cases cases, ReviewQueues queues, AuditIndex audit, JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.decisions = decisions;
    this.cases = cases;
    this.queues = queues;
    this.audit = audit;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Throws when the audit index cannot take the record; the job then fails and is retried. */
  public AuditRecord record(UUID decisionId) {
    return write(auditRecordOf(decisionId));
  }

  /** The audit document of a stored decision, with its case, queue, model outputs and statement of reasons. */
  public AuditRecord auditRecordOf(UUID decisionId) {
    Decision decision =
        decisions.find(decisionId).orElseThrow(() -> new IllegalStateException("No decision " + decisionId));
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    Optional<QueueItem> item = Optional.ofNullable(decision.queueItemId()).flatMap(queues::find);
    Map<String, Double> scores = Map.of();
    Map<String, String> models = Map.of();
    if (decision.actorType() == Decision.ActorType.AUTOMATED) {
      var signals =
          jdbc.sql("select scores::text as scores, model_versions::text as models from signals where case_id = :id")
              .param("id", decision.caseId())
              .query()
              .listOfRows();
      if (!signals.isEmpty()) {
        scores = read((String) signals.get(0).get("scores"), SCORES);
        models = read((String) signals.get(0).get("models"), VERSIONS);
      }
    }
    String statement =
        jdbc.sql("select body from notices where decision_id = :id")
            .param("id", decisionId)
            .query(String.class)
            .optional()
            .orElse(null);
    AuditRecord record =
        new AuditRecord(
            decisionId.toString(),
            AuditRecord.Kind.DECISION,
            stored.id().toString(),
            stored.platformId() + "/" + stored.externalId(),
            stored.platformId(),
            decision.actorId(),
            AuditRecord.ActorType.valueOf(decision.actorType().name()),
            decision.action(),
            decision.category(),
            decision.reasonCode(),
            decision.policyVersion(),
            models,
            scores,
            item.map(QueueItem::queue).orElse(null),
            item.map(i -> Duration.between(i.createdAt(), decision.decidedAt()).toMillis()).orElse(null),
            null,
            decision.decidedAt(),
            clock.instant(),
            decision.note(),
            statement,
            null,
            null);
    return record;
  }

  public AuditRecord write(AuditRecord record) {
    try {
      audit.record(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Audit index unavailable: " + e.getMessage(), e);
    }
    return record;
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text == null || "null".equalsIgnoreCase(text) ? "{}" : text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
