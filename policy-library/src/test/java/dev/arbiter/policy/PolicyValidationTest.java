package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Drafts are refused at compile time with errors that name the rule, the column or the gap. */
class PolicyValidationTest {

    private final PolicyCompiler compiler = new PolicyCompiler();
    private final PolicyBundle shipped = PolicyBundle.shipped();

    private List<String> problems(PolicyBundle bundle) {
        try {
            compiler.compile(bundle);
        } catch (PolicyValidationException e) {
            return e.problems().stream().map(PolicyProblem::toString).toList();
        }
        throw new AssertionError("expected the policy to be refused");
    }

    private List<String> problems(String dmn) {
        return problems(shipped.withRoutingDmn(dmn));
    }

    @Test
    void brokenXmlIsRefused() {
        String truncated = Dmns.shipped().substring(0, 2000);
        assertThat(problems(truncated)).singleElement().asString().startsWith("routing.dmn: ");
    }

    @Test
    void feelSyntaxErrorIsRefusedByTheProductionParser() {
        String dmn = Dmns.setEntry(Dmns.shipped(), "spam-review-spam", ">= 0.8 +");
        assertThatThrownBy(() -> compiler.compile(shipped.withRoutingDmn(dmn)))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("routing.dmn")
                .hasMessageContaining(">= 0.8 +");
    }

    @Test
    void renamedDecisionIsRefusedBecauseTheWorkflowCallsItById() {
        String dmn = Dmns.shipped().replace("<decision id=\"routing\"", "<decision id=\"routing2\"")
                .replace("dmnElementRef=\"routing\"", "dmnElementRef=\"routing2\"");
        assertThat(problems(dmn)).containsExactly("routing.dmn: has no decision with id 'routing' (the triage workflow calls it by this id)");
    }

    @Test
    void raisingOneThresholdWithoutTheOtherLeavesAGapThatIsNamed() {
        String dmn = Dmns.setEntry(Dmns.shipped(), "below-thresholds-spam", "< 0.75");
        List<String> problems = problems(dmn);
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("decision 'routing': no rule matches "));
        assertThat(problems).allSatisfy(p -> assertThat(p).contains("spam in [0.75..0.8)"));
        assertThat(problems.get(0)).contains("hashMatch = false", "coded = false");
    }

    @Test
    void smallTableGapIsNamedExactly() {
        String[][] inputs = {{"spam", "number", "[0..1]"}, {"coded", "boolean", null}};
        String dmn = Dmns.table("FIRST", inputs,
                new String[] {"low", "< 0.3", "false", "allow", "NO-VIOLATION", "none"},
                new String[] {"high", ">= 0.5", "-", "review", "SPAM-01", "spam"},
                new String[] {"middle", "[0.3..0.5)", "false", "review", "SPAM-01", "spam"});
        assertThat(problems(dmn)).containsExactly(
                "decision 'routing': no rule matches spam in [0..0.3), coded = true",
                "decision 'routing': no rule matches spam in [0.3..0.5), coded = true");
    }

    @Test
    void catchAllMakesATableComplete() {
        String[][] inputs = {{"spam", "number", "[0..1]"}, {"coded", "boolean", null}};
        String dmn = Dmns.table("FIRST", inputs,
                new String[] {"high", ">= 0.5", "-", "review", "SPAM-01", "spam"},
                new String[] {"rest", "-", "-", "allow", "NO-VIOLATION", "none"});
        assertThat(compiler.compile(shipped.withRoutingDmn(dmn)).warnings()).isEmpty();
    }

    @Test
    void entriesOutsideTheUnderstoodSubsetNeedACatchAll() {
        String[][] inputs = {{"spam", "number", "[0..1]"}};
        String withoutCatchAll = Dmns.table("FIRST", inputs,
                new String[] {"odd", "? > 0.5 and ? < 0.9", "review", "SPAM-01", "spam"},
                new String[] {"low", "<= 0.5", "allow", "NO-VIOLATION", "none"});
        assertThat(problems(withoutCatchAll)).anySatisfy(p -> assertThat(p)
                .startsWith("decision 'routing' rule 'odd' input 'spam': ")
                .contains("add a catch-all rule"));
    }

    @Test
    void unreachableRuleIsReportedAsWarning() {
        String[][] inputs = {{"spam", "number", "[0..1]"}};
        String dmn = Dmns.table("FIRST", inputs,
                new String[] {"review", ">= 0.5", "review", "SPAM-01", "spam"},
                new String[] {"remove", ">= 0.9", "remove", "SPAM-01", "spam"},
                new String[] {"allow", "< 0.5", "allow", "NO-VIOLATION", "none"});
        assertThat(compiler.compile(shipped.withRoutingDmn(dmn)).warnings()).extracting(PolicyProblem::toString).containsExactly(
                "decision 'routing' rule 'remove': is never used: rules above it (hit policy FIRST) already decide every case it matches");
    }

    @Test
    void overlappingRulesAreRefusedUnderUniqueHitPolicy() {
        String[][] inputs = {{"spam", "number", "[0..1]"}};
        String dmn = Dmns.table("UNIQUE", inputs,
                new String[] {"review", ">= 0.5", "review", "SPAM-01", "spam"},
                new String[] {"allow", "<= 0.5", "allow", "NO-VIOLATION", "none"});
        assertThat(problems(dmn)).containsExactly(
                "decision 'routing': rules 'review' and 'allow' both match spam = 0.5 (hit policy UNIQUE allows one)");
    }

    @Test
    void typoInAnEnumerationValueIsRefused() {
        String dmn = Dmns.setEntry(Dmns.shipped(), "advert-scam-surface", "\"adverts\"");
        assertThat(problems(dmn)).contains(
                "decision 'routing' rule 'advert-scam' input 'surface': \"adverts\" is not one of the allowed values "
                        + "\"public_post\",\"comment\",\"direct_message\",\"profile\",\"advert\"");
    }

    @Test
    void unknownReasonCodeAndMismatchedCategoryAreRefused() {
        String dmn = Dmns.setEntry(Dmns.shipped(), "spam-review-reasonCode", "\"SPAM-99\"");
        dmn = Dmns.setEntry(dmn, "hate-review-category", "\"spam\"");
        List<String> problems = problems(dmn);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
                "decision 'routing' rule 'spam-review' output 'reasonCode': '\"SPAM-99\"' is not a reason code of the taxonomy"));
        assertThat(problems).contains(
                "decision 'routing' rule 'hate-review' output 'category': 'spam' differs from the category 'hate_speech' of reason code HATE-01");
    }

    @Test
    void invalidSlaAndPriorityAreRefused() {
        String dmn = Dmns.setEntry(Dmns.shipped(), "spam-review-sla", "\"2 days\"");
        dmn = Dmns.setEntry(dmn, "spam-review-priority", "9");
        assertThat(problems(dmn)).contains(
                "decision 'routing' rule 'spam-review' output 'sla': '\"2 days\"' must be a quoted ISO 8601 duration such as \"PT4H\" or \"P2D\"",
                "decision 'routing' rule 'spam-review' output 'priority': '9' must be a whole number from 1 (most urgent) to 5");
    }

    @Test
    void automaticRemovalMustGiveARestrictingReason() {
        String dmn = Dmns.setEntry(Dmns.shipped(), "spam-auto-remove-reasonCode", "\"SPAM-02\"");
        assertThat(compiler.compile(shipped.withRoutingDmn(dmn)).routingTable().rule("spam-auto-remove")).isPresent();
        String allowing = Dmns.setEntry(Dmns.setEntry(Dmns.shipped(), "spam-auto-remove-reasonCode", "\"NO-VIOLATION\""),
                "spam-auto-remove-category", "\"none\"");
        assertThat(problems(allowing)).containsExactly("decision 'routing' rule 'spam-auto-remove': route \"remove\" needs a reason code "
                + "whose action restricts content; NO-VIOLATION leads to 'allow'");
    }

    @Test
    void inputThatIsNotASignalIsRefused() {
        String dmn = Dmns.shipped().replace("<text>spam</text>", "<text>spma</text>");
        assertThat(problems(dmn)).singleElement().asString()
                .startsWith("decision 'routing' input 'Spam score': expression 'spma' is not a signal");
    }

    @Test
    void taxonomyErrorsAreNamed() {
        String json = shipped.taxonomyJson()
                .replace("\"dsaCategory\": \"STATEMENT_CATEGORY_SCAMS_AND_FRAUD\"", "\"dsaCategory\": \"STATEMENT_CATEGORY_SCAMS\"");
        assertThat(problems(shipped.withTaxonomyJson(json))).singleElement().asString()
                .startsWith("taxonomy.json: not valid taxonomy JSON")
                .contains("STATEMENT_CATEGORY_SCAMS");

        String noText = shipped.taxonomyJson().replace("\"noticeText\": \"We removed this content because it is spam: repetitive, misleading or unwanted commercial content.\"",
                "\"noticeText\": \"\"");
        assertThat(problems(shipped.withTaxonomyJson(noText))).containsExactly(
                "taxonomy.json reason code 'SPAM-01': needs noticeText, the explanation the user reads");
    }
}
