package dev.arbiter.service.statement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DSA Transparency Database's rules for one statement of reasons (../shared/reference/dsa.md):
 * required fields, conditional ones, lengths and enumerations. Returns every broken rule, so a test
 * failure names them all.
 */
public final class DsaStatementRules {

  private static final Pattern PUID = Pattern.compile("[A-Za-z0-9\\-_]{1,500}");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> CATEGORIES = Set.of(
      "STATEMENT_CATEGORY_ANIMAL_WELFARE", "STATEMENT_CATEGORY_CONSUMER_INFORMATION", "STATEMENT_CATEGORY_CYBER_VIOLENCE",
      "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
      "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
      "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
      "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
      "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_SELF_HARM", "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
      "STATEMENT_CATEGORY_VIOLENCE");
  private static final Set<String> VISIBILITY = Set.of(
      "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_VISIBILITY_CONTENT_DISABLED", "DECISION_VISIBILITY_CONTENT_DEMOTED",
      "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED", "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
      "DECISION_VISIBILITY_CONTENT_LABELLED", "DECISION_VISIBILITY_OTHER");
  private static final Set<String> ACCOUNT = Set.of("DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED");
  private static final Set<String> GROUNDS = Set.of("DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT");
  private static final Set<String> CONTENT_TYPES = Set.of(
      "CONTENT_TYPE_APP", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_PRODUCT", "CONTENT_TYPE_SYNTHETIC_MEDIA",
      "CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO", "CONTENT_TYPE_OTHER");
  private static final Set<String> SOURCES =
      Set.of("SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY");
  private static final Set<String> AUTOMATED_DECISION =
      Set.of("AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED");
  private static final Set<String> YES_NO = Set.of("Yes", "No");
  /** Fields the database knows; anything else (such as a user id) has no place in a statement. */
  private static final Set<String> KNOWN = Set.of(
      "decision_visibility", "decision_visibility_other", "decision_monetary", "decision_monetary_other", "decision_provision",
      "decision_account", "account_type", "decision_ground", "decision_ground_reference_url", "illegal_content_legal_ground",
      "illegal_content_explanation", "incompatible_content_ground", "incompatible_content_explanation",
      "incompatible_content_illegal", "category", "category_addition", "category_specification", "category_specification_other",
      "content_type", "content_type_other", "content_language", "content_date", "application_date", "end_date_account_restriction",
      "end_date_monetary_restriction", "end_date_service_restriction", "end_date_visibility_restriction", "territorial_scope",
      "decision_facts", "source_type", "source_identity", "automated_detection", "automated_decision", "puid");

  private DsaStatementRules() {}

  public static List<String> violations(Map<String, Object> s) {
    List<String> problems = new ArrayList<>();
    for (String field : s.keySet()) {
      if (!KNOWN.contains(field)) {
        problems.add("unknown field " + field);
      }
    }
    boolean restriction = false;
    if (s.containsKey("decision_visibility")) {
      restriction = true;
      enumList(problems, s, "decision_visibility", VISIBILITY);
    }
    if (s.containsKey("decision_account")) {
      restriction = true;
      oneOf(problems, s, "decision_account", ACCOUNT);
    }
    restriction |= s.containsKey("decision_monetary") || s.containsKey("decision_provision");
    if (!restriction) {
      problems.add("needs at least one of decision_visibility, decision_monetary, decision_provision, decision_account");
    }
    oneOf(problems, s, "decision_ground", GROUNDS);
    if ("DECISION_GROUND_ILLEGAL_CONTENT".equals(s.get("decision_ground"))) {
      text(problems, s, "illegal_content_legal_ground", 500);
      text(problems, s, "illegal_content_explanation", 2000);
    } else {
      text(problems, s, "incompatible_content_ground", 500);
      text(problems, s, "incompatible_content_explanation", 2000);
      if (s.containsKey("incompatible_content_illegal")) {
        oneOf(problems, s, "incompatible_content_illegal", YES_NO);
      }
    }
    oneOf(problems, s, "category", CATEGORIES);
    enumList(problems, s, "content_type", CONTENT_TYPES);
    if (s.get("content_type") instanceof Collection<?> types && types.contains("CONTENT_TYPE_OTHER")) {
      text(problems, s, "content_type_other", 500);
    }
    if (s.containsKey("content_language") && !String.valueOf(s.get("content_language")).matches("[A-Z]{2}")) {
      problems.add("content_language must be an upper-case ISO 639-1 code, was " + s.get("content_language"));
    }
    day(problems, s, "content_date");
    day(problems, s, "application_date");
    text(problems, s, "decision_facts", 5000);
    oneOf(problems, s, "source_type", SOURCES);
    oneOf(problems, s, "automated_detection", YES_NO);
    oneOf(problems, s, "automated_decision", AUTOMATED_DECISION);
    if (!(s.get("puid") instanceof String puid) || !PUID.matcher(puid).matches()) {
      problems.add("puid must match [A-Za-z0-9-_]{1,500}, was " + s.get("puid"));
    }
    return problems;
  }

  private static void oneOf(List<String> problems, Map<String, Object> s, String field, Set<String> values) {
    if (!values.contains(s.get(field))) {
      problems.add(field + " must be one of " + values + ", was " + s.get(field));
    }
  }

  private static void enumList(List<String> problems, Map<String, Object> s, String field, Set<String> values) {
    if (!(s.get(field) instanceof Collection<?> list) || list.isEmpty()) {
      problems.add(field + " must be a non-empty list");
      return;
    }
    list.stream().filter(v -> !values.contains(v)).forEach(v -> problems.add(field + " has unknown value " + v));
  }

  private static void text(List<String> problems, Map<String, Object> s, String field, int max) {
    if (!(s.get(field) instanceof String text) || text.isBlank()) {
      problems.add(field + " is required");
    } else if (text.length() > max) {
      problems.add(field + " exceeds " + max + " characters: " + text.length());
    }
  }

  private static void day(List<String> problems, Map<String, Object> s, String field) {
    if (!(s.get(field) instanceof String text) || !DAY.matcher(text).matches()) {
      problems.add(field + " must be YYYY-MM-DD, was " + s.get(field));
    }
  }
}
