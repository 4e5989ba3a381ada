package dev.arbiter.service.appeal;

import dev.arbiter.policy.taxonomy.ModerationAction;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.decision.ReasonCodes;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether an appeal may be heard (DSA Art. 20): the appellant is affected by the decision, the decision
 * restricted something and is not itself an appeal decision, the appeal came within the window, and no
 * other appeal of the decision is open or was decided. Each rule is a small named function of the facts.
 */
@Service
public class CheckingEligibility {

  private final Decisions decisions;
  private final Cases cases;
  private final Appeals appeals;
  private final ReasonCodes reasonCodes;
  private final JdbcClient jdbc;
  private final Period window;

  public CheckingEligibility(
      Decisions decisions, Cases cases, Appeals appeals, ReasonCodes reasonCodes, JdbcClient jdbc, AppealProperties properties) {
    this.decisions = decisions;
    this.cases = cases;
    this.appeals = appeals;
    this.reasonCodes = reasonCodes;
    this.jdbc = jdbc;
    this.window = properties.window();
  }

  /** The answer; reason is null when eligible, else a stable code, a colon and a plain-language explanation. */
  public record Eligibility(boolean eligible, String reason) {

    static final Eligibility ELIGIBLE = new Eligibility(true, null);

    public Map<String, Object> toVariable() {
      return eligible ? Map.of("eligible", true) : Map.of("eligible", false, "reason", reason);
    }
  }

  /**
   * What the rules look at.
   *
   * @param decidedAt when the decision was taken
   * @param restricts whether its action restricted content or an account
   * @param appealDecision whether it is itself the decision on an appeal
   * @param authorId the author of the content decided on
   * @param appellantId who appeals
   * @param filedAt when the appeal was filed
   * @param otherOpenAppeal whether another appeal of the decision is open
   * @param decidedBefore whether an appeal of the decision was already decided
   */
  public record Facts(
      Instant decidedAt,
      boolean restricts,
      boolean appealDecision,
      String authorId,
      String appellantId,
      Instant filedAt,
      boolean otherOpenAppeal,
      boolean decidedBefore) {}

  /** The rules in the order the appellant is told about them; the first that refuses answers. */
  static List<Function<Facts, Optional<String>>> rules(Period window) {
    return List.of(
        CheckingEligibility::appellantIsAffected,
        CheckingEligibility::decisionRestricts,
        CheckingEligibility::notAnAppealDecision,
        facts -> withinWindow(facts, window),
        CheckingEligibility::noOtherOpenAppeal,
        CheckingEligibility::notDecidedBefore);
  }

  static Eligibility evaluate(Facts facts, Period window) {
    return rules(window).stream()
        .map(rule -> rule.apply(facts))
        .flatMap(Optional::stream)
        .findFirst()
        .map(reason -> new Eligibility(false, reason))
        .orElse(Eligibility.ELIGIBLE);
  }

  /** Only the person the decision is about may appeal it (reporters are not supported yet). */
  static Optional<String> appellantIsAffected(Facts facts) {
    return facts.appellantId().equals(facts.authorId())
        ? Optional.empty()
        : Optional.of("not-affected: only the author of the content can appeal this decision");
  }

  /** A decision that restricted nothing (allow) leaves nothing to appeal. */
  static Optional<String> decisionRestricts(Facts facts) {
    return facts.restricts()
        ? Optional.empty()
        : Optional.of("not-appealable: this decision did not restrict your content or account");
  }

  /** The internal complaint is heard once; after it, the out-of-court and judicial routes remain. */
  static Optional<String> notAnAppealDecision(Facts facts) {
    return facts.appealDecision()
        ? Optional.of("not-appealable: this is already the decision on an appeal; an out-of-court dispute settlement body or a court can review it")
        : Optional.empty();
  }

  static Optional<String> withinWindow(Facts facts, Period window) {
    Instant deadline = deadline(facts.decidedAt(), window);
    return facts.filedAt().isAfter(deadline)
        ? Optional.of("late: appeals must be filed within " + window + " of the decision; the window closed at " + deadline)
        : Optional.empty();
  }

  static Optional<String> noOtherOpenAppeal(Facts facts) {
    return facts.otherOpenAppeal() ? Optional.of("already-open: another appeal of this decision is open") : Optional.empty();
  }

  static Optional<String> notDecidedBefore(Facts facts) {
    return facts.decidedBefore()
        ? Optional.of("already-decided: an appeal of this decision was decided; an out-of-court dispute settlement body or a court can review it")
        : Optional.empty();
  }

  /** The last instant an appeal is in time: the decision plus the window, in calendar terms (UTC). */
  public static Instant deadline(Instant decidedAt, Period window) {
    return decidedAt.atOffset(ZoneOffset.UTC).plus(window).toInstant();
  }

  public Instant deadline(Decision decision) {
    return deadline(decision.decidedAt(), window);
  }

  /** Checks a filed appeal against its own filing time. */
  public Eligibility check(Appeal appeal) {
    Decision decision = decisions.find(appeal.decisionId()).orElseThrow();
    return check(decision, appeal.appellantId(), appeal.filedAt(), appeal.id());
  }

  /** Checks an appeal of the decision by the appellant at that time; except names an appeal not to count as "other". */
  public Eligibility check(Decision decision, String appellantId, Instant at, UUID except) {
    return evaluate(facts(decision, appellantId, at, except), window);
  }

  private Facts facts(Decision decision, String appellantId, Instant at, UUID except) {
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    UUID exclude = except == null ? new UUID(0, 0) : except;
    boolean otherOpen = appeals.openOf(decision.id()).filter(open -> !open.id().equals(exclude)).isPresent();
    boolean appealDecision =
        jdbc.sql("select appeal_of is not null from decisions where id = :id").param("id", decision.id()).query(Boolean.class).single();
    return new Facts(
        decision.decidedAt(),
        reasonCodes.action(decision.action()).map(ModerationAction::restricts).orElse(false),
        appealDecision,
        stored.authorId(),
        appellantId,
        at,
        otherOpen,
        appeals.decidedBefore(decision.id(), exclude));
  }
}
