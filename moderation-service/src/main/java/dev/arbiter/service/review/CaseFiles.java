package dev.arbiter.service.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a case as reviewers see it: content parts, classifier signals, what happened to it. */
@Repository
public class CaseFiles {

  private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> VERSIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public CaseFiles(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A stored part with its raw body, for the media endpoint. */
  public record Media(String mediaType, String fileName, byte[] body) {}

  public Optional<CaseView.CaseSummary> summary(UUID caseId) {
    return jdbc.sql(
            """
            select c.*, s.language from cases c left join signals s on s.case_id = c.id where c.id = :id
            """)
        .param("id", caseId)
        .query(
            (rs, n) ->
                new CaseView.CaseSummary(
                    caseId, rs.getString("platform_id"), rs.getString("external_id"), rs.getString("surface"),
                    rs.getString("locale"), rs.getString("language"), rs.getString("reporter_type"),
                    rs.getTimestamp("created_at").toInstant(), strings(rs.getArray("flags"))))
        .optional();
  }

  /** Parts in order; mediaUrl points at the media endpoint of {@code itemId} for images. */
  public List<CaseView.Part> parts(UUID caseId, UUID itemId) {
    return jdbc.sql(
            """
            select position, kind, media_type, file_name, size_bytes, metadata::text as metadata,
                   coalesce(extracted_text, case when kind = 'text' then convert_from(body, 'UTF8') end) as text
              from content_parts where case_id = :id order by position
            """)
        .param("id", caseId)
        .query(
            (rs, n) -> {
              String mediaType = rs.getString("media_type");
              int position = rs.getInt("position");
              return new CaseView.Part(
                  position, rs.getString("kind"), mediaType, rs.getString("file_name"), rs.getLong("size_bytes"),
                  rs.getString("text"), tree(rs.getString("metadata")),
                  mediaType != null && mediaType.startsWith("image/")
                      ? "/api/v1/queue-items/" + itemId + "/parts/" + position
                      : null);
            })
        .list();
  }

  public Optional<Media> media(UUID caseId, int position) {
    return jdbc.sql("select media_type, file_name, body from content_parts where case_id = :id and position = :position")
        .param("id", caseId)
        .param("position", position)
        .query((rs, n) -> new Media(rs.getString("media_type"), rs.getString("file_name"), rs.getBytes("body")))
        .optional();
  }

  public Optional<CaseView.Signals> signals(UUID caseId) {
    return jdbc.sql(
            "select language, scores::text as scores, flags::text as flags, model_versions::text as models from signals where case_id = :id")
        .param("id", caseId)
        .query(
            (rs, n) ->
                new CaseView.Signals(
                    rs.getString("language"), read(rs.getString("scores"), SCORES), tree(rs.getString("flags")),
                    read(rs.getString("models"), VERSIONS)))
        .optional();
  }

  /**
   * Term matches as offsets per part. The classifiers saw the parts' texts joined by newlines, in order, so
   * an offset into that text is mapped back to the part that holds it.
   */
  public List<CaseView.Highlight> highlights(UUID caseId) {
    JsonNode matches =
        jdbc.sql("select matches::text from signals where case_id = :id")
            .param("id", caseId)
            .query(String.class)
            .optional()
            .map(this::tree)
            .orElse(null);
    if (matches == null || !matches.isArray()) {
      return List.of();
    }
    Map<Integer, Integer> extractedLengths = new java.util.LinkedHashMap<>();
    // Java string offsets (UTF-16 units), as the classifiers counted them.
    jdbc.sql("select position, extracted_text from content_parts where case_id = :id and extracted_text is not null order by position")
        .param("id", caseId)
        .query((rs, n) -> extractedLengths.put(rs.getInt("position"), rs.getString("extracted_text").length()))
        .list();
    List<CaseView.Highlight> highlights = new ArrayList<>();
    for (JsonNode match : matches) {
      if (!match.hasNonNull("start") || !match.hasNonNull("end")) {
        continue;
      }
      int start = match.get("start").asInt();
      int end = match.get("end").asInt();
      String label = match.path("category").asText("match");
      int offset = 0;
      for (Map.Entry<Integer, Integer> part : extractedLengths.entrySet()) {
        if (start >= offset && end <= offset + part.getValue()) {
          highlights.add(new CaseView.Highlight(part.getKey(), start - offset, end - offset, label));
          break;
        }
        offset += part.getValue() + 1;
      }
    }
    return highlights;
  }

  public List<CaseView.HistoryEntry> history(UUID caseId, boolean withDecisions) {
    List<CaseView.HistoryEntry> history = new ArrayList<>();
    if (withDecisions) {
      history.addAll(
          jdbc.sql("select * from decisions where case_id = :id")
              .param("id", caseId)
              .query(
                  (rs, n) ->
                      new CaseView.HistoryEntry(
                          rs.getTimestamp("created_at").toInstant(), "decided", rs.getString("actor_type"),
                          rs.getString("actor_id"), rs.getString("action"), rs.getString("reason_code"), rs.getString("note"),
                          null))
              .list());
    }
    history.addAll(
        jdbc.sql("select * from queue_items where case_id = :id and (:withDecisions or kind = 'blind_audit')")
            .param("id", caseId)
            .param("withDecisions", withDecisions)
            .query(
                (rs, n) ->
                    new CaseView.HistoryEntry(
                        rs.getTimestamp("created_at").toInstant(), "queued as " + rs.getString("kind"), "automated", "triage",
                        null, null, null, rs.getString("queue")))
            .list());
    history.addAll(
        jdbc.sql("select * from case_events where case_id = :id")
            .param("id", caseId)
            .query(
                (rs, n) ->
                    new CaseView.HistoryEntry(
                        rs.getTimestamp("at").toInstant(), rs.getString("event"), rs.getString("actor_type"),
                        rs.getString("actor_id"), null, null, rs.getString("note"), rs.getString("queue")))
            .list());
    history.sort(java.util.Comparator.comparing(CaseView.HistoryEntry::at));
    return history;
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private JsonNode tree(String text) {
    try {
      return text == null ? json.createObjectNode() : json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text == null || "null".equals(text) ? "{}" : text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
