package dev.arbiter.service.appeal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appeals, their attachments and their history in the case store. */
@Repository
public class Appeals {

  private final JdbcClient jdbc;

  public Appeals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A file as the appellant sent it, with what the Tika extractor made of it. */
  public record Attachment(
      String fileName, String mediaType, long sizeBytes, byte[] body, String extractedText, String extractionFailure) {}

  /** One line of an appeal's history. */
  public record Event(Instant at, String event, String detail, String actorId) {}

  /** Inserts the appeal and its attachments; the caller's transaction makes it all or nothing. */
  public void insert(Appeal appeal, List<Attachment> attachments) {
    jdbc.sql(
            """
            insert into appeals (id, decision_id, case_id, appellant_id, appellant_role, text, status, ineligible_reason, filed_at)
            values (:id, :decision, :caseId, :appellant, :role, :text, :status, :reason, :filedAt)
            """)
        .param("id", appeal.id())
        .param("decision", appeal.decisionId())
        .param("caseId", appeal.caseId())
        .param("appellant", appeal.appellantId())
        .param("role", appeal.appellantRole().value())
        .param("text", appeal.text())
        .param("status", appeal.status().value())
        .param("reason", appeal.ineligibleReason())
        .param("filedAt", Timestamp.from(appeal.filedAt()))
        .update();
    int position = 0;
    for (Attachment file : attachments) {
      jdbc.sql(
              """
              insert into appeal_attachments (id, appeal_id, position, file_name, media_type, size_bytes, sha256, body,
                                              extracted_text, extraction_failure)
              values (:id, :appeal, :position, :fileName, :mediaType, :size, :sha256, :body, :text, :failure)
              """)
          .param("id", UUID.randomUUID())
          .param("appeal", appeal.id())
          .param("position", position++)
          .param("fileName", file.fileName())
          .param("mediaType", file.mediaType())
          .param("size", file.sizeBytes())
          .param("sha256", sha256(file.body()))
          .param("body", file.body())
          .param("text", file.extractedText() == null ? null : file.extractedText().replace("\u0000", ""))
          .param("failure", file.extractionFailure())
          .update();
    }
  }

  public Optional<Appeal> find(UUID id) {
    return jdbc.sql("select * from appeals where id = :id").param("id", id).query(Appeals::appeal).optional();
  }

  public Optional<Appeal> byQueueItem(UUID queueItemId) {
    return jdbc.sql("select * from appeals where queue_item_id = :id").param("id", queueItemId).query(Appeals::appeal).optional();
  }

  /** The appellant's appeals, newest first. */
  public List<Appeal> ofAppellant(String appellantId) {
    return jdbc.sql("select * from appeals where appellant_id = :who order by filed_at desc, id")
        .param("who", appellantId)
        .query(Appeals::appeal)
        .list();
  }

  /** The open appeal of a decision, if any. */
  public Optional<Appeal> openOf(UUID decisionId) {
    return jdbc.sql("select * from appeals where decision_id = :id and status in ('filed', 'in-review', 'escalated')")
        .param("id", decisionId)
        .query(Appeals::appeal)
        .optional();
  }

  /** The open appeal of a decision, or else its latest one. */
  public Optional<Appeal> latestOf(UUID decisionId) {
    return jdbc.sql(
            """
            select * from appeals where decision_id = :id
             order by (status in ('filed', 'in-review', 'escalated')) desc, filed_at desc, id limit 1
            """)
        .param("id", decisionId)
        .query(Appeals::appeal)
        .optional();
  }

  /** Whether an eligible appeal of the decision was decided already (other than the given one). */
  public boolean decidedBefore(UUID decisionId, UUID except) {
    return jdbc.sql("select count(*) from appeals where decision_id = :id and id <> :except and status in ('upheld', 'overturned')")
            .param("id", decisionId)
            .param("except", except)
            .query(Long.class)
            .single()
        > 0;
  }

  public void setStatus(UUID id, Appeal.Status status) {
    jdbc.sql("update appeals set status = :status, updated_at = now() where id = :id")
        .param("status", status.value())
        .param("id", id)
        .update();
  }

  public void setIneligible(UUID id, String reason) {
    jdbc.sql("update appeals set status = 'ineligible', ineligible_reason = :reason, updated_at = now() where id = :id")
        .param("reason", reason)
        .param("id", id)
        .update();
  }

  public void setQueueItem(UUID id, UUID queueItemId) {
    jdbc.sql("update appeals set queue_item_id = :item, status = 'in-review', updated_at = now() where id = :id and status = 'filed'")
        .param("item", queueItemId)
        .param("id", id)
        .update();
  }

  public void setOutcome(UUID id, Appeal.Status status, UUID decisionId) {
    jdbc.sql("update appeals set status = :status, outcome_decision_id = :decision, updated_at = now() where id = :id")
        .param("status", status.value())
        .param("decision", decisionId)
        .param("id", id)
        .update();
  }

  public void setReply(UUID id, String reply) {
    jdbc.sql("update appeals set reply = :reply, updated_at = now() where id = :id and reply is null")
        .param("reply", reply)
        .param("id", id)
        .update();
  }

  public void markStarted(UUID id, long processInstanceKey) {
    jdbc.sql("update appeals set process_instance_key = :key, updated_at = now() where id = :id")
        .param("key", processInstanceKey)
        .param("id", id)
        .update();
  }

  /** Locks the appeal if its process has not started; empty if started or locked by another replica. */
  public Optional<Appeal> lockIfNotStarted(UUID id) {
    return jdbc.sql("select * from appeals where id = :id and process_instance_key is null for update skip locked")
        .param("id", id)
        .query(Appeals::appeal)
        .optional();
  }

  public List<UUID> awaitingProcess(int limit) {
    return jdbc.sql("select id from appeals where process_instance_key is null order by filed_at limit :limit")
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  public List<Attachment> attachments(UUID appealId) {
    return jdbc.sql("select * from appeal_attachments where appeal_id = :id order by position")
        .param("id", appealId)
        .query(
            (rs, n) ->
                new Attachment(
                    rs.getString("file_name"),
                    rs.getString("media_type"),
                    rs.getLong("size_bytes"),
                    rs.getBytes("body"),
                    rs.getString("extracted_text"),
                    rs.getString("extraction_failure")))
        .list();
  }

  /** Adds a history line; the same origin (a retried job) or message id adds it once. */
  public void addEvent(UUID appealId, Instant at, String event, String detail, String actorId, UUID messageId, Long originKey) {
    jdbc.sql(
            """
            insert into appeal_events (appeal_id, at, event, detail, actor_id, message_id, origin_key)
            values (:appeal, :at, :event, :detail, :actor, :message, :origin) on conflict do nothing
            """)
        .param("appeal", appealId)
        .param("at", Timestamp.from(at))
        .param("event", event)
        .param("detail", detail)
        .param("actor", actorId)
        .param("message", messageId)
        .param("origin", originKey)
        .update();
  }

  public List<Event> events(UUID appealId) {
    return jdbc.sql("select * from appeal_events where appeal_id = :id order by at, id")
        .param("id", appealId)
        .query((rs, n) -> new Event(rs.getTimestamp("at").toInstant(), rs.getString("event"), rs.getString("detail"), rs.getString("actor_id")))
        .list();
  }

  /** The message id of an expert's escalation still current: the last event, by this expert. */
  public Optional<UUID> currentEscalationBy(UUID appealId, String expert) {
    return jdbc.sql(
            """
            select message_id, actor_id, event from appeal_events where appeal_id = :id
             order by at desc, id desc limit 1
            """)
        .param("id", appealId)
        .query((rs, n) -> "escalated-by-expert".equals(rs.getString("event")) && expert.equals(rs.getString("actor_id"))
            ? Optional.ofNullable(rs.getObject("message_id", UUID.class)) : Optional.<UUID>empty())
        .optional()
        .flatMap(id -> id);
  }

  private static Appeal appeal(ResultSet rs, int row) throws SQLException {
    long key = rs.getLong("process_instance_key");
    Long processKey = rs.wasNull() ? null : key;
    return new Appeal(
        rs.getObject("id", UUID.class),
        rs.getObject("decision_id", UUID.class),
        rs.getObject("case_id", UUID.class),
        rs.getString("appellant_id"),
        Appeal.AppellantRole.valueOf(rs.getString("appellant_role").toUpperCase(Locale.ROOT)),
        rs.getString("text"),
        Appeal.Status.of(rs.getString("status")),
        rs.getString("ineligible_reason"),
        rs.getObject("queue_item_id", UUID.class),
        rs.getObject("outcome_decision_id", UUID.class),
        rs.getString("reply"),
        rs.getTimestamp("filed_at").toInstant(),
        processKey);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
