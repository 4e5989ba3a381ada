package dev.arbiter.service.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Things people and timers did to a case besides deciding it. Each row is also an audit outbox entry:
 * {@link CatchingUpAudit} indexes the ones Elasticsearch has not taken yet.
 */
@Repository
public class CaseEvents {

  private final JdbcClient jdbc;

  public CaseEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record CaseEvent(
      UUID id, UUID caseId, UUID queueItemId, String actorId, AuditRecord.ActorType actorType, AuditRecord.Kind kind,
      String event, String queue, String note, Instant at) {

    public CaseEvent {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(actorId, "actorId");
      Objects.requireNonNull(actorType, "actorType");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(at, "at");
    }
  }

  /** Stores the event once; a repeat with the same id (a retried job) changes nothing. */
  public void insert(CaseEvent event) {
    jdbc.sql(
            """
            insert into case_events (id, case_id, queue_item_id, actor_id, actor_type, kind, event, queue, note, at)
            values (:id, :caseId, :itemId, :actorId, :actorType, :kind, :event, :queue, :note, :at)
            on conflict (id) do nothing
            """)
        .param("id", event.id())
        .param("caseId", event.caseId())
        .param("itemId", event.queueItemId())
        .param("actorId", event.actorId())
        .param("actorType", event.actorType().name().toLowerCase(Locale.ROOT))
        .param("kind", event.kind().name())
        .param("event", event.event())
        .param("queue", event.queue())
        .param("note", event.note())
        .param("at", Timestamp.from(event.at()))
        .update();
  }

  /** Oldest first, so the audit catches up in order. */
  public List<CaseEvent> unaudited(int limit) {
    return jdbc.sql("select * from case_events where audited_at is null order by at, id limit :limit")
        .param("limit", limit)
        .query(
            (rs, n) ->
                new CaseEvent(
                    rs.getObject("id", UUID.class),
                    rs.getObject("case_id", UUID.class),
                    rs.getObject("queue_item_id", UUID.class),
                    rs.getString("actor_id"),
                    AuditRecord.ActorType.valueOf(rs.getString("actor_type").toUpperCase(Locale.ROOT)),
                    AuditRecord.Kind.valueOf(rs.getString("kind")),
                    rs.getString("event"),
                    rs.getString("queue"),
                    rs.getString("note"),
                    rs.getTimestamp("at").toInstant()))
        .list();
  }

  public void markAudited(UUID id, Instant at) {
    jdbc.sql("update case_events set audited_at = :at where id = :id").param("at", Timestamp.from(at)).param("id", id).update();
  }
}
