package dev.arbiter.service.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-side DSA rules find what the Transparency Database would refuse. */
class DsaStatementRulesTest {

  private static Map<String, Object> valid() {
    Map<String, Object> s = new HashMap<>();
    s.put("decision_visibility", List.of("DECISION_VISIBILITY_CONTENT_REMOVED"));
    s.put("decision_ground", "DECISION_GROUND_INCOMPATIBLE_CONTENT");
    s.put("incompatible_content_ground", "Community Guidelines, section 7");
    s.put("incompatible_content_explanation", "Spam.");
    s.put("category", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC");
    s.put("content_type", List.of("CONTENT_TYPE_TEXT"));
    s.put("content_date", "2026-01-02");
    s.put("application_date", "2026-01-03");
    s.put("decision_facts", "Removed.");
    s.put("source_type", "SOURCE_VOLUNTARY");
    s.put("automated_detection", "Yes");
    s.put("automated_decision", "AUTOMATED_DECISION_FULLY");
    s.put("puid", "arbiter-1234");
    return s;
  }

  @Test
  void aCompleteStatementPasses() {
    assertThat(DsaStatementRules.violations(valid())).isEmpty();
  }

  @Test
  void missingRestrictionBadEnumsLengthsPuidAndPersonalDataAreFound() {
    Map<String, Object> s = valid();
    s.remove("decision_visibility");
    s.put("category", "STATEMENT_CATEGORY_SPAM");
    s.put("decision_facts", "x".repeat(5001));
    s.put("puid", "has a space");
    s.put("author_id", "someone");
    s.put("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT");

    assertThat(DsaStatementRules.violations(s))
        .anySatisfy(p -> assertThat(p).startsWith("needs at least one of decision_visibility"))
        .anySatisfy(p -> assertThat(p).startsWith("category must be one of"))
        .anySatisfy(p -> assertThat(p).startsWith("decision_facts exceeds 5000"))
        .anySatisfy(p -> assertThat(p).startsWith("puid must match"))
        .anySatisfy(p -> assertThat(p).isEqualTo("unknown field author_id"))
        .anySatisfy(p -> assertThat(p).isEqualTo("illegal_content_legal_ground is required"));
  }
}
