package dev.arbiter.service.decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Decisions in the case store; one per queue item, so a double submit cannot decide twice. */
@Repository
public class Decisions {

  private final JdbcClient jdbc;

  public Decisions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the decision; throws DuplicateKeyException when its queue item already has one. */
  public void insert(Decision decision) {
    jdbc.sql(
            """
            insert into decisions (id, case_id, queue_item_id, actor_id, actor_type, action, category,
                                   reason_code, note, policy_version, created_at)
            values (:id, :caseId, :itemId, :actorId, :actorType, :action, :category, :reasonCode, :note,
                    :policyVersion, :decidedAt)
            on conflict (id) do nothing
            """)
        .param("id", decision.id())
        .param("caseId", decision.caseId())
        .param("itemId", decision.queueItemId())
        .param("actorId", decision.actorId())
        .param("actorType", decision.actorType().value())
        .param("action", decision.action())
        .param("category", decision.category())
        .param("reasonCode", decision.reasonCode())
        .param("note", decision.note())
        .param("policyVersion", decision.policyVersion())
        .param("decidedAt", Timestamp.from(decision.decidedAt()))
        .update();
  }

  public Optional<Decision> find(UUID id) {
    return jdbc.sql("select * from decisions where id = :id").param("id", id).query(Decisions::decision).optional();
  }

  public Optional<Decision> forQueueItem(UUID queueItemId) {
    return jdbc.sql("select * from decisions where queue_item_id = :id")
        .param("id", queueItemId)
        .query(Decisions::decision)
        .optional();
  }

  /** The case's decisions, oldest first. */
  public List<Decision> ofCase(UUID caseId) {
    return jdbc.sql("select * from decisions where case_id = :id order by created_at, id")
        .param("id", caseId)
        .query(Decisions::decision)
        .list();
  }

  private static Decision decision(ResultSet rs, int row) throws SQLException {
    return new Decision(
        rs.getObject("id", UUID.class),
        rs.getObject("case_id", UUID.class),
        rs.getObject("queue_item_id", UUID.class),
        rs.getString("actor_id"),
        Decision.ActorType.valueOf(rs.getString("actor_type").toUpperCase(Locale.ROOT)),
        rs.getString("action"),
        rs.getString("category"),
        rs.getString("reason_code"),
        rs.getString("note"),
        rs.getString("policy_version"),
        rs.getTimestamp("created_at").toInstant());
  }
}
