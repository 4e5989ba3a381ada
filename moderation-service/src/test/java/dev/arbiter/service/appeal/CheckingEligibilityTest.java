package dev.arbiter.service.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.service.appeal.CheckingEligibility.Eligibility;
import dev.arbiter.service.appeal.CheckingEligibility.Facts;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** The eligibility rules of an appeal, one at a time, on plain facts. */
class CheckingEligibilityTest {

  private static final Period SIX_MONTHS = Period.ofMonths(6);
  private static final Instant DECIDED = Instant.parse("2026-01-31T10:00:00Z");

  /** An author appealing a removal a day later: eligible. */
  private static Facts eligible() {
    return new Facts(DECIDED, true, false, "author", "author", DECIDED.plusSeconds(86_400), false, false);
  }

  @Test
  void theAuthorAppealingARestrictionInTimeIsEligible() {
    assertThat(CheckingEligibility.evaluate(eligible(), SIX_MONTHS)).isEqualTo(new Eligibility(true, null));
  }

  @Test
  void onlyTheAuthorIsAffected() {
    Facts someoneElse = new Facts(DECIDED, true, false, "author", "bystander", DECIDED, false, false);

    assertThat(CheckingEligibility.appellantIsAffected(someoneElse)).hasValueSatisfying(r -> assertThat(r).startsWith("not-affected:"));
    assertThat(CheckingEligibility.appellantIsAffected(eligible())).isEmpty();
  }

  @Test
  void aDecisionThatRestrictedNothingIsNotAppealable() {
    Facts allowed = new Facts(DECIDED, false, false, "author", "author", DECIDED, false, false);

    assertThat(CheckingEligibility.evaluate(allowed, SIX_MONTHS).reason()).startsWith("not-appealable:");
  }

  @Test
  void theDecisionOnAnAppealIsNotAppealedInternallyAgain() {
    Facts appealDecision = new Facts(DECIDED, true, true, "author", "author", DECIDED, false, false);

    assertThat(CheckingEligibility.evaluate(appealDecision, SIX_MONTHS).reason())
        .startsWith("not-appealable:").contains("out-of-court");
  }

  @Test
  void theWindowIsSixCalendarMonthsToTheInstant() {
    // 31 January + 6 months = 31 July: calendar months, not 180 days.
    Instant deadline = CheckingEligibility.deadline(DECIDED, SIX_MONTHS);
    assertThat(deadline).isEqualTo(Instant.parse("2026-07-31T10:00:00Z"));

    Facts lastMoment = new Facts(DECIDED, true, false, "author", "author", deadline, false, false);
    Facts late = new Facts(DECIDED, true, false, "author", "author", deadline.plusSeconds(1), false, false);

    assertThat(CheckingEligibility.withinWindow(lastMoment, SIX_MONTHS)).isEmpty();
    assertThat(CheckingEligibility.withinWindow(late, SIX_MONTHS)).hasValueSatisfying(r -> assertThat(r).startsWith("late:"));
    assertThat(CheckingEligibility.evaluate(late, Period.ofMonths(7)).eligible()).as("the window is configurable").isTrue();
  }

  @Test
  void oneOpenAppealPerDecisionAndNoSecondInternalComplaint() {
    Facts open = new Facts(DECIDED, true, false, "author", "author", DECIDED, true, false);
    Facts decided = new Facts(DECIDED, true, false, "author", "author", DECIDED, false, true);

    assertThat(CheckingEligibility.evaluate(open, SIX_MONTHS).reason()).startsWith("already-open:");
    assertThat(CheckingEligibility.evaluate(decided, SIX_MONTHS).reason()).startsWith("already-decided:");
  }

  @Test
  void theFirstRefusingRuleAnswers() {
    Facts lateAndNotAffected = new Facts(DECIDED, true, false, "author", "bystander", DECIDED.plusSeconds(400 * 86_400L), false, false);

    assertThat(CheckingEligibility.evaluate(lateAndNotAffected, SIX_MONTHS).reason()).startsWith("not-affected:");
    assertThat(CheckingEligibility.evaluate(lateAndNotAffected, SIX_MONTHS).toVariable())
        .containsEntry("eligible", false).containsKey("reason");
  }
}
