package dev.arbiter.service.appeal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.statement.StatementsOfReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What appellants and experts read about decisions and appeals. The appellant sees their own decisions'
 * statements of reasons and their own appeals; the expert sees the original case, its signals, the
 * original decision with its note and policy version, and the appeal, but not who the appellant is.
 */
@Service
public class AppealViews {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final Appeals appeals;
  private final Decisions decisions;
  private final Cases cases;
  private final StatementsOfReasons statements;
  private final CheckingEligibility eligibility;
  private final AppealProperties properties;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public AppealViews(
      Appeals appeals,
      Decisions decisions,
      Cases cases,
      StatementsOfReasons statements,
      CheckingEligibility eligibility,
      AppealProperties properties,
      JdbcClient jdbc,
      ObjectMapper json,
      Clock clock) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.cases = cases;
    this.statements = statements;
    this.eligibility = eligibility;
    this.properties = properties;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  public record AppealReceipt(UUID appealId, UUID decisionId, String status, Instant filedAt, String ineligibleReason) {
    static AppealReceipt of(Appeal appeal) {
      return new AppealReceipt(appeal.id(), appeal.decisionId(), appeal.status().value(), appeal.filedAt(), appeal.ineligibleReason());
    }
  }

  public record MyDecision(
      UUID decisionId,
      UUID caseId,
      String platformId,
      String externalId,
      String surface,
      String action,
      String category,
      String reasonCode,
      Instant decidedAt,
      boolean automated,
      Map<String, Object> statement,
      boolean appealable,
      Instant appealDeadline,
      String notAppealableReason,
      UUID appealId) {}

  public record AttachmentView(String fileName, String mediaType, long sizeBytes) {}

  public record ExpertAttachmentView(String fileName, String mediaType, long sizeBytes, String extractedText, String extractionFailure) {}

  public record Outcome(String result, String reasonCode, String explanation, Instant decidedAt) {}

  public record HistoryLine(Instant at, String event, String detail) {}

  public record OriginalForAppellant(String action, String category, String reasonCode, Instant decidedAt, String statementSummary) {}

  public record AppealSummary(
      UUID appealId, UUID decisionId, UUID caseId, String status, Instant filedAt, String ineligibleReason, Outcome outcome) {}

  public record AppellantView(
      UUID appealId,
      UUID decisionId,
      UUID caseId,
      String status,
      Instant filedAt,
      String text,
      List<AttachmentView> attachments,
      String ineligibleReason,
      Outcome outcome,
      List<AppealProperties.Redress> redress,
      List<HistoryLine> history,
      OriginalForAppellant original,
      String reply) {}

  public record OriginalForExpert(
      UUID decisionId,
      String actorType,
      String actorId,
      String action,
      String category,
      String reasonCode,
      String note,
      String policyVersion,
      Instant decidedAt,
      Map<String, Object> modelVersions,
      Map<String, Object> scores) {}

  public record Part(int position, String kind, String mediaType, String fileName, String text) {}

  public record CaseForExpert(UUID caseId, String platformId, String surface, String locale, List<Part> parts, Map<String, Object> signals) {}

  public record ExpertView(
      UUID appealId,
      UUID queueItemId,
      String status,
      Instant filedAt,
      String text,
      List<ExpertAttachmentView> attachments,
      String appellantRole,
      OriginalForExpert original,
      // "case" in JSON; a Java name cannot be.
      @JsonProperty("case") CaseForExpert caseView,
      List<HistoryLine> history) {}

  /** The statements of reasons about the user's content, newest first, with whether each can be appealed now. */
  public List<MyDecision> decisionsOf(String authorId) {
    List<UUID> ids =
        jdbc.sql("select decision_id from statements where author_id = :author order by created_at desc, decision_id")
            .param("author", authorId)
            .query(UUID.class)
            .list();
    return ids.stream().map(id -> myDecision(id, authorId)).toList();
  }

  private MyDecision myDecision(UUID decisionId, String authorId) {
    Decision decision = decisions.find(decisionId).orElseThrow();
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    StatementsOfReasons.Statement statement = statements.find(decisionId).orElseThrow();
    CheckingEligibility.Eligibility now = eligibility.check(decision, authorId, clock.instant(), null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("summary", statement.summary());
    body.putAll(statement.fields());
    body.put("redress", properties.redress());
    return new MyDecision(
        decision.id(),
        decision.caseId(),
        stored.platformId(),
        stored.externalId(),
        stored.surface(),
        decision.action(),
        decision.category(),
        decision.reasonCode(),
        decision.decidedAt(),
        decision.actorType() == Decision.ActorType.AUTOMATED,
        body,
        now.eligible(),
        eligibility.deadline(decision),
        now.reason(),
        appeals.latestOf(decisionId).map(Appeal::id).orElse(null));
  }

  public List<AppealSummary> appealsOf(String appellantId) {
    return appeals.ofAppellant(appellantId).stream()
        .map(a -> new AppealSummary(a.id(), a.decisionId(), a.caseId(), a.status().value(), a.filedAt(), a.ineligibleReason(), outcome(a)))
        .toList();
  }

  public AppellantView forAppellant(Appeal appeal) {
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    String summary = statements.find(original.id()).map(StatementsOfReasons.Statement::summary).orElse(null);
    return new AppellantView(
        appeal.id(),
        appeal.decisionId(),
        appeal.caseId(),
        appeal.status().value(),
        appeal.filedAt(),
        appeal.text(),
        appeals.attachments(appeal.id()).stream().map(f -> new AttachmentView(f.fileName(), f.mediaType(), f.sizeBytes())).toList(),
        appeal.ineligibleReason(),
        outcome(appeal),
        properties.redress(),
        history(appeal),
        new OriginalForAppellant(original.action(), original.category(), original.reasonCode(), original.decidedAt(), summary),
        appeal.reply());
  }

  public ExpertView forExpert(Appeal appeal) {
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    Cases.StoredCase stored = cases.find(appeal.caseId()).orElseThrow();
    Map<String, Object> signals = signals(appeal.caseId());
    List<Part> parts =
        jdbc.sql("select position, kind, media_type, file_name, extracted_text from content_parts where case_id = :id order by position")
            .param("id", appeal.caseId())
            .query((rs, n) -> new Part(rs.getInt("position"), rs.getString("kind"), rs.getString("media_type"),
                rs.getString("file_name"), rs.getString("extracted_text")))
            .list();
    @SuppressWarnings("unchecked")
    Map<String, Object> models = (Map<String, Object>) signals.getOrDefault("modelVersions", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> scores = (Map<String, Object>) signals.getOrDefault("scores", Map.of());
    return new ExpertView(
        appeal.id(),
        appeal.queueItemId(),
        appeal.status().value(),
        appeal.filedAt(),
        appeal.text(),
        appeals.attachments(appeal.id()).stream()
            .map(f -> new ExpertAttachmentView(f.fileName(), f.mediaType(), f.sizeBytes(), f.extractedText(), f.extractionFailure()))
            .toList(),
        appeal.appellantRole().value(),
        new OriginalForExpert(original.id(), original.actorType().value(), original.actorId(), original.action(), original.category(),
            original.reasonCode(), original.note(), original.policyVersion(), original.decidedAt(), models, scores),
        new CaseForExpert(stored.id(), stored.platformId(), stored.surface(), stored.locale(), parts, signals),
        history(appeal));
  }

  private Outcome outcome(Appeal appeal) {
    if (appeal.outcomeDecisionId() == null) {
      return null;
    }
    Decision ruling = decisions.find(appeal.outcomeDecisionId()).orElseThrow();
    return new Outcome(appeal.status().value(), ruling.reasonCode(), ruling.note(), ruling.decidedAt());
  }

  private List<HistoryLine> history(Appeal appeal) {
    return appeals.events(appeal.id()).stream().map(e -> new HistoryLine(e.at(), e.event(), e.detail())).toList();
  }

  private Map<String, Object> signals(UUID caseId) {
    Optional<Map<String, Object>> row =
        jdbc.sql(
                """
                select language, scores::text as scores, flags::text as flags, matches::text as matches,
                       model_versions::text as models from signals where case_id = :id
                """)
            .param("id", caseId)
            .query()
            .listOfRows()
            .stream()
            .findFirst();
    if (row.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> signals = new LinkedHashMap<>();
    signals.put("language", row.get().get("language"));
    signals.put("scores", read((String) row.get().get("scores")));
    signals.put("flags", readAny((String) row.get().get("flags")));
    signals.put("matches", readAny((String) row.get().get("matches")));
    signals.put("modelVersions", read((String) row.get().get("models")));
    return signals;
  }

  private Map<String, Object> read(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, OBJECT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object readAny(String text) {
    try {
      return text == null ? List.of() : json.readValue(text, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
