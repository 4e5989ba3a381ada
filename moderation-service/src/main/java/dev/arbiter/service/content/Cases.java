package dev.arbiter.service.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cases and their content parts in the case store. */
@Repository
public class Cases {

  private final JdbcClient jdbc;

  public Cases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record StoredCase(
      UUID id, String platformId, String externalId, String authorId, String surface, String locale,
      String reporterType, String status, Long processInstanceKey) {}

  public Optional<StoredCase> find(UUID id) {
    return jdbc.sql("select * from cases where id = :id").param("id", id).query(Cases::storedCase).optional();
  }

  public Optional<StoredCase> findByExternalId(String platformId, String externalId) {
    return jdbc.sql("select * from cases where platform_id = :platform and external_id = :external")
        .param("platform", platformId)
        .param("external", externalId)
        .query(Cases::storedCase)
        .optional();
  }

  /** Locks the case row if its triage has not started; empty if started or locked by another replica. */
  public Optional<StoredCase> lockIfReceived(UUID id) {
    return jdbc.sql("select * from cases where id = :id and status = 'received' for update skip locked")
        .param("id", id)
        .query(Cases::storedCase)
        .optional();
  }

  public List<UUID> awaitingTriage(int limit) {
    return jdbc.sql("select id from cases where status = 'received' order by created_at limit :limit")
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  public void markTriaging(UUID id, long processInstanceKey) {
    jdbc.sql("update cases set status = 'triaging', process_instance_key = :key, updated_at = now() where id = :id")
        .param("key", processInstanceKey)
        .param("id", id)
        .update();
  }

  /** Inserts the case and its parts; the caller's transaction makes it all or nothing. */
  public void insert(UUID id, String platformId, Submission submission, List<ContentFile> files) {
    jdbc.sql(
            """
            insert into cases (id, platform_id, external_id, author_id, surface, locale, reporter_type, status)
            values (:id, :platform, :external, :author, :surface, :locale, :reporter, 'received')
            """)
        .param("id", id)
        .param("platform", platformId)
        .param("external", submission.externalId())
        .param("author", submission.authorId())
        .param("surface", submission.surface())
        .param("locale", submission.locale())
        .param("reporter", submission.reporterType())
        .update();
    int position = 0;
    if (submission.text() != null && !submission.text().isBlank()) {
      byte[] text = submission.text().getBytes(StandardCharsets.UTF_8);
      insertPart(id, position++, "text", "text/plain; charset=UTF-8", null, text);
    }
    for (ContentFile file : files) {
      insertPart(id, position++, "file", file.declaredType(), file.fileName(), file.bytes());
    }
  }

  private void insertPart(UUID caseId, int position, String kind, String mediaType, String fileName, byte[] body) {
    jdbc.sql(
            """
            insert into content_parts (id, case_id, position, kind, media_type, file_name, size_bytes, sha256, body)
            values (:id, :caseId, :position, :kind, :mediaType, :fileName, :size, :sha256, :body)
            """)
        .param("id", UUID.randomUUID())
        .param("caseId", caseId)
        .param("position", position)
        .param("kind", kind)
        .param("mediaType", mediaType)
        .param("fileName", fileName)
        .param("size", body.length)
        .param("sha256", sha256(body))
        .param("body", body)
        .update();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StoredCase storedCase(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    long key = rs.getLong("process_instance_key");
    return new StoredCase(
        rs.getObject("id", UUID.class),
        rs.getString("platform_id"),
        rs.getString("external_id"),
        rs.getString("author_id"),
        rs.getString("surface"),
        rs.getString("locale"),
        rs.getString("reporter_type"),
        rs.getString("status"),
        rs.wasNull() ? null : key);
  }
}
