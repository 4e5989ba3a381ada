package dev.arbiter.service.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an overturned decision teaches: the case is labelled for classifier retraining and evaluation
 * (flag {@value #OVERTURNED_FLAG}, a training_labels row), and each banked hash that matched it is
 * flagged for its bank's owners to review (hash_reviews), since a wrong hash match repeats on every upload.
 */
@Service
public class RecordingFeedback {

  public static final String OVERTURNED_FLAG = "overturned-on-appeal";

  private final Appeals appeals;
  private final Decisions decisions;
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public RecordingFeedback(Appeals appeals, Decisions decisions, JdbcClient jdbc, ObjectMapper json) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Repeating it (a retried job) adds nothing. Returns how many hashes were flagged. */
  @Transactional
  public int learn(UUID appealId) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    Decision ruling = decisions.find(appeal.outcomeDecisionId()).orElseThrow();
    jdbc.sql("update cases set flags = array_append(flags, :flag), updated_at = now() where id = :id and not (:flag = any (flags))")
        .param("flag", OVERTURNED_FLAG)
        .param("id", appeal.caseId())
        .update();
    jdbc.sql(
            """
            insert into training_labels (case_id, decision_id, label, original_category, corrected_category, original_automated)
            values (:caseId, :decision, :label, :original, :corrected, :automated) on conflict do nothing
            """)
        .param("caseId", appeal.caseId())
        .param("decision", ruling.id())
        .param("label", OVERTURNED_FLAG)
        .param("original", original.category())
        .param("corrected", ruling.category())
        .param("automated", original.actorType() == Decision.ActorType.AUTOMATED)
        .update();
    int flagged = 0;
    for (JsonNode match : hashMatches(appeal.caseId())) {
      flagged +=
          jdbc.sql(
                  """
                  insert into hash_reviews (id, case_id, decision_id, bank, label, source, media_part, distance)
                  values (:id, :caseId, :decision, :bank, :label, :source, :part, :distance) on conflict do nothing
                  """)
              .param("id", UUID.randomUUID())
              .param("caseId", appeal.caseId())
              .param("decision", ruling.id())
              .param("bank", match.path("bank").asText())
              .param("label", match.path("label").asText(null))
              .param("source", match.path("source").asText(null))
              .param("part", match.path("mediaPart").asText())
              .param("distance", match.path("distance").asInt())
              .update();
    }
    return flagged;
  }

  /** The hash matches among the case's signals: the matches that name a bank. */
  private Iterable<JsonNode> hashMatches(UUID caseId) {
    String matches =
        jdbc.sql("select matches::text from signals where case_id = :id").param("id", caseId).query(String.class).optional().orElse("[]");
    try {
      JsonNode all = json.readTree(matches);
      java.util.List<JsonNode> hashes = new java.util.ArrayList<>();
      all.forEach(match -> {
        if (match.hasNonNull("bank") && match.hasNonNull("mediaPart")) {
          hashes.add(match);
        }
      });
      return hashes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
