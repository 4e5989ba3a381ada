package dev.arbiter.service.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.classifiers.ClassifierRegistry;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.MediaPart;
import dev.arbiter.classifiers.Match;
import dev.arbiter.classifiers.ModelVersion;
import dev.arbiter.classifiers.Signals;
import dev.arbiter.classifiers.coded.CodedLanguageDetector;
import dev.arbiter.policy.routing.RoutingSignals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs the configured classifiers over a case's extracted content, keeps every signal and model version
 * in the case store, and hands the policy the small set of signals it routes on.
 */
@Service
public class ClassifyingContent {

  private final JdbcClient jdbc;
  private final ClassifierRegistry classifiers;
  private final ObjectMapper json;

  public ClassifyingContent(JdbcClient jdbc, ClassifierRegistry classifiers, ObjectMapper json) {
    this.jdbc = jdbc;
    this.classifiers = classifiers;
    this.json = json;
  }

  public RoutingSignals classify(UUID caseId, String language) {
    ExtractedContent content = content(caseId, language);
    Signals signals = classifiers.classify(content);
    store(caseId, language, signals);
    var stored =
        jdbc.sql("select surface, reporter_type, author_id, platform_id from cases where id = :id")
            .param("id", caseId)
            .query()
            .singleRow();
    return new RoutingSignals(
        signals.score("spam"),
        signals.score("scam"),
        Math.max(signals.score("hate"), signals.score("toxicity")),
        signals.score("sexual"),
        signals.score("violence"),
        signals.flagged(CodedLanguageDetector.CODED_FLAG),
        signals.matches().stream().anyMatch(m -> m instanceof Match.HashMatch),
        language,
        (String) stored.get("surface"),
        priorStrikes((String) stored.get("platform_id"), (String) stored.get("author_id")),
        (String) stored.get("reporter_type"));
  }

  /** Restrictive decisions on the same author's other content: the policy is stricter with repeat offenders. */
  private int priorStrikes(String platformId, String authorId) {
    return jdbc.sql(
            """
            select count(distinct c.id) from cases c join decisions d on d.case_id = c.id
             where c.platform_id = :platform and c.author_id = :author and d.action <> 'allow'
            """)
        .param("platform", platformId)
        .param("author", authorId)
        .query(Integer.class)
        .single();
  }

  private ExtractedContent content(UUID caseId, String language) {
    List<String> texts = new ArrayList<>();
    List<MediaPart> media = new ArrayList<>();
    jdbc.sql("select file_name, media_type, extracted_text, body from content_parts where case_id = :id order by position")
        .param("id", caseId)
        .query(
            (rs, n) -> {
              String text = rs.getString("extracted_text");
              if (text != null) {
                texts.add(text);
              }
              String mediaType = rs.getString("media_type");
              if (mediaType != null && mediaType.startsWith("image/")) {
                media.add(new MediaPart(rs.getString("file_name"), mediaType, rs.getBytes("body")));
              }
              return n;
            })
        .list();
    return new ExtractedContent(
        "text/plain", String.join("\n", texts), Optional.ofNullable(language), media, Map.of(), false);
  }

  private void store(UUID caseId, String language, Signals signals) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (ModelVersion model : signals.models()) {
      versions.put(model.id(), model.version());
    }
    try {
      jdbc.sql(
              """
              insert into signals (case_id, language, scores, flags, matches, model_versions)
              values (:id, :language, cast(:scores as jsonb), cast(:flags as jsonb), cast(:matches as jsonb),
                      cast(:models as jsonb))
              on conflict (case_id) do update set language = excluded.language, scores = excluded.scores,
                     flags = excluded.flags, matches = excluded.matches, model_versions = excluded.model_versions
              """)
          .param("id", caseId)
          .param("language", language)
          .param("scores", json.writeValueAsString(signals.scores()))
          .param("flags", json.writeValueAsString(signals.flags()))
          .param("matches", json.writeValueAsString(signals.matches()))
          .param("models", json.writeValueAsString(versions))
          .update();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
