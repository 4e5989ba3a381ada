package dev.arbiter.service.statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.policy.taxonomy.DecisionGround;
import dev.arbiter.policy.taxonomy.DsaClassification;
import dev.arbiter.policy.taxonomy.DsaVisibility;
import dev.arbiter.policy.taxonomy.ModerationAction;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.ReasonCodes;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One statement of reasons per restrictive decision (DSA Art. 17): the fields of the Commission's
 * Transparency Database API, built once when the notice is sent and stored with a stable puid, so an
 * export can be re-submitted safely (Art. 24(5)). The fields carry no personal data: no user ids, no
 * content, no external ids.
 */
@Service
public class StatementsOfReasons {

  /** The Transparency Database's limits, which the fields are cut to. */
  public static final int MAX_GROUND = 500;
  public static final int MAX_EXPLANATION = 2000;
  public static final int MAX_FACTS = 5000;
  public static final String PUID_PREFIX = "arbiter-";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Cases cases;
  private final ReasonCodes reasonCodes;
  private final ObjectMapper json;

  public StatementsOfReasons(JdbcClient jdbc, Cases cases, ReasonCodes reasonCodes, ObjectMapper json) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.reasonCodes = reasonCodes;
    this.json = json;
  }

  /** A stored statement: the DSA fields as exported, and the plain-language text the author read. */
  public record Statement(UUID decisionId, UUID caseId, String puid, String summary, Map<String, Object> fields, Instant createdAt) {}

  /** Stores the statement of a restrictive decision once; empty when the decision restricts nothing. */
  public Optional<Statement> record(Decision decision, String summary) {
    Optional<Map<String, Object>> fields = fields(decision);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    jdbc.sql(
            """
            insert into statements (decision_id, puid, case_id, author_id, summary, fields)
            values (:decision, :puid, :caseId, :author, :summary, cast(:fields as jsonb))
            on conflict (decision_id) do nothing
            """)
        .param("decision", decision.id())
        .param("puid", puid(decision.id()))
        .param("caseId", decision.caseId())
        .param("author", stored.authorId())
        .param("summary", summary)
        .param("fields", write(fields.get()))
        .update();
    return find(decision.id());
  }

  public Optional<Statement> find(UUID decisionId) {
    return jdbc.sql("select * from statements where decision_id = :id")
        .param("id", decisionId)
        .query((rs, n) -> statement(rs))
        .optional();
  }

  /** Statements made in [from, to), oldest first, at most limit; after (a decision id) continues from that statement. */
  public List<Statement> between(Instant from, Instant to, UUID after, int limit) {
    return jdbc.sql(
            """
            select s.* from statements s
             where s.created_at >= :from and s.created_at < :to
               and (cast(:after as uuid) is null
                    or (s.created_at, s.decision_id) > (select created_at, decision_id from statements where decision_id = cast(:after as uuid)))
             order by s.created_at, s.decision_id limit :limit
            """)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("after", after)
        .param("limit", limit)
        .query((rs, n) -> statement(rs))
        .list();
  }

  /** Stable and unique per decision, within the DSA's [A-Za-z0-9-_]{1,500}. */
  public static String puid(UUID decisionId) {
    return PUID_PREFIX + decisionId;
  }

  /** The DSA fields of a decision, in the Transparency Database's names and values. */
  Optional<Map<String, Object>> fields(Decision decision) {
    Optional<DsaClassification> classified = reasonCodes.dsa(decision.reasonCode());
    Optional<ModerationAction> action = reasonCodes.action(decision.action()).filter(ModerationAction::restricts);
    if (classified.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    DsaClassification dsa = classified.get();
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    Map<String, Object> fields = new LinkedHashMap<>();
    // The action taken decides the restriction; the reason code decides ground and category.
    List<String> visibility = action.get().decisionVisibility().stream().map(DsaVisibility::name).toList();
    if (!visibility.isEmpty()) {
      fields.put("decision_visibility", visibility);
    }
    if (action.get().decisionAccount() != null) {
      fields.put("decision_account", action.get().decisionAccount().name());
    }
    fields.put("decision_ground", dsa.ground().dsaValue());
    String ground = cut(dsa.groundText(), MAX_GROUND);
    String explanation = cut(dsa.explanation(), MAX_EXPLANATION);
    if (dsa.ground() == DecisionGround.ILLEGAL_CONTENT) {
      fields.put("illegal_content_legal_ground", ground);
      fields.put("illegal_content_explanation", explanation);
    } else {
      fields.put("incompatible_content_ground", ground);
      fields.put("incompatible_content_explanation", explanation);
      fields.put("incompatible_content_illegal", "No");
    }
    fields.put("category", dsa.category().name());
    if (dsa.categorySpecification() != null) {
      fields.put("category_specification", List.of(dsa.categorySpecification()));
    }
    ContentTypes types = contentTypes(decision.caseId());
    fields.put("content_type", types.types());
    types.other().ifPresent(other -> fields.put("content_type_other", cut(other, MAX_GROUND)));
    language(decision.caseId()).ifPresent(language -> fields.put("content_language", language));
    fields.put("content_date", DAY.format(createdAt(decision.caseId())));
    fields.put("application_date", DAY.format(decision.decidedAt()));
    fields.put("decision_facts", cut(facts(stored, decision, action.get()), MAX_FACTS));
    fields.put("source_type", sourceType(stored.reporterType()));
    // Nobody reported it: Arbiter's classifiers found it.
    fields.put("automated_detection", "none".equals(stored.reporterType()) ? "Yes" : "No");
    fields.put("automated_decision",
        decision.actorType() == Decision.ActorType.AUTOMATED ? "AUTOMATED_DECISION_FULLY" : "AUTOMATED_DECISION_NOT_AUTOMATED");
    fields.put("puid", puid(decision.id()));
    return Optional.of(fields);
  }

  private String facts(Cases.StoredCase stored, Decision decision, ModerationAction action) {
    String how =
        decision.actorType() == Decision.ActorType.AUTOMATED
            ? "Automated classifiers scored the item and the published policy " + decision.policyVersion() + " decided without human review."
            : "A member of the moderation team reviewed the item and decided.";
    return "Action: " + action.name() + " (" + decision.action() + ") on a " + stored.surface() + " item, reason code "
        + decision.reasonCode() + ". " + how;
  }

  private record ContentTypes(List<String> types, Optional<String> other) {}

  private ContentTypes contentTypes(UUID caseId) {
    List<Map<String, Object>> parts =
        jdbc.sql("select kind, media_type from content_parts where case_id = :id order by position").param("id", caseId).query().listOfRows();
    Set<String> types = new LinkedHashSet<>();
    List<String> others = new ArrayList<>();
    for (Map<String, Object> part : parts) {
      String mediaType = part.get("media_type") == null ? "" : ((String) part.get("media_type")).toLowerCase(Locale.ROOT);
      if ("text".equals(part.get("kind")) || mediaType.startsWith("text/")) {
        types.add("CONTENT_TYPE_TEXT");
      } else if (mediaType.startsWith("image/")) {
        types.add("CONTENT_TYPE_IMAGE");
      } else if (mediaType.startsWith("video/")) {
        types.add("CONTENT_TYPE_VIDEO");
      } else if (mediaType.startsWith("audio/")) {
        types.add("CONTENT_TYPE_AUDIO");
      } else {
        types.add("CONTENT_TYPE_OTHER");
        others.add(mediaType.isBlank() ? "unknown file" : mediaType);
      }
    }
    if (types.isEmpty()) {
      types.add("CONTENT_TYPE_TEXT");
    }
    return new ContentTypes(List.copyOf(types), others.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", others)));
  }

  private Optional<String> language(UUID caseId) {
    return jdbc.sql("select language from signals where case_id = :id")
        .param("id", caseId)
        .query(String.class)
        .optional()
        .filter(l -> l != null && l.matches("[a-z]{2}"))
        .map(l -> l.toUpperCase(Locale.ROOT));
  }

  private Instant createdAt(UUID caseId) {
    return jdbc.sql("select created_at from cases where id = :id").param("id", caseId).query(Timestamp.class).single().toInstant();
  }

  /** Who brought the item to the platform's attention, in the DSA's source_type values. */
  static String sourceType(String reporterType) {
    return switch (reporterType == null ? "none" : reporterType) {
      case "trusted_flagger" -> "SOURCE_TRUSTED_FLAGGER";
      case "user" -> "SOURCE_ARTICLE_16";
      case "authority" -> "SOURCE_TYPE_OTHER_NOTIFICATION";
      default -> "SOURCE_VOLUNTARY";
    };
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private Statement statement(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return new Statement(
          rs.getObject("decision_id", UUID.class),
          rs.getObject("case_id", UUID.class),
          rs.getString("puid"),
          rs.getString("summary"),
          json.readValue(rs.getString("fields"), FIELDS),
          rs.getTimestamp("created_at").toInstant());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable statement fields of decision " + rs.getString("decision_id"), e);
    }
  }

  private String write(Map<String, Object> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
