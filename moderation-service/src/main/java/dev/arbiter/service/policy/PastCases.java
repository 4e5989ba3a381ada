package dev.arbiter.service.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.policy.backtest.PastCase;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingSignals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backtest sample: the most recent decided cases of the case store, each with the signals, surface and
 * reporter type stored for it and the route and category its latest decision actually took. A machine decision
 * took the route of its action (allow, otherwise remove); a human decision came from review, or from escalation
 * when it was a senior review.
 */
@Component
public class PastCases {

  private static final Logger log = LoggerFactory.getLogger(PastCases.class);

  private final JdbcClient jdbc;
  private final PolicyProperties properties;
  private final ObjectMapper json;

  public PastCases(JdbcClient jdbc, PolicyProperties properties, ObjectMapper json) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.json = json;
  }

  public List<PastCase> sample() {
    List<PastCase> cases = jdbc.sql(
            """
            select c.id, c.surface, c.reporter_type, coalesce(s.language, c.locale, 'unknown') as language, s.scores, s.flags,
                   jsonb_array_length(s.matches) > 0 as hash_match, latest.actor_type, latest.action, latest.category, q.kind
            from (select distinct on (case_id) * from decisions order by case_id, created_at desc) latest
            join cases c on c.id = latest.case_id
            join signals s on s.case_id = c.id
            left join queue_items q on q.id = latest.queue_item_id
            order by latest.created_at desc
            limit :limit
            """)
        .param("limit", properties.backtest().sampleSize())
        .query(this::pastCase)
        .list();
    return cases.stream().filter(Objects::nonNull).toList();
  }

  private PastCase pastCase(ResultSet rs, int row) throws SQLException {
    String caseId = rs.getString("id");
    try {
      JsonNode scores = tree(rs.getString("scores"));
      JsonNode flags = tree(rs.getString("flags"));
      RoutingSignals signals = new RoutingSignals(
          scores.path("spam").asDouble(), scores.path("scam").asDouble(), scores.path("hate").asDouble(),
          scores.path("sexual").asDouble(), scores.path("violence").asDouble(),
          flags.path("coded").asBoolean(),
          rs.getBoolean("hash_match") || flags.path("hashMatch").asBoolean(),
          rs.getString("language"),
          rs.getString("surface"),
          flags.path("priorStrikes").asInt(),
          rs.getString("reporter_type"));
      String category = rs.getString("category");
      return new PastCase(caseId, signals, route(rs), category == null ? "none" : category);
    } catch (IllegalArgumentException unusable) {
      log.warn("case {} left out of the backtest sample: {}", caseId, unusable.getMessage());
      return null;
    }
  }

  private static Route route(ResultSet rs) throws SQLException {
    if ("automated".equals(rs.getString("actor_type"))) {
      return "allow".equals(rs.getString("action")) ? Route.ALLOW : Route.REMOVE;
    }
    return "senior_review".equals(rs.getString("kind")) ? Route.ESCALATE : Route.REVIEW;
  }

  private JsonNode tree(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored signals are not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
