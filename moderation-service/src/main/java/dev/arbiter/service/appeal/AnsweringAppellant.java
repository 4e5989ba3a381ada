package dev.arbiter.service.appeal;

import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.decision.ReasonCodes;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The answer to the appellant on every path (DSA Art. 20(5)): what was decided and why, in plain
 * language, that a person decided it, and the redress still open (out-of-court dispute settlement, courts).
 */
@Service
public class AnsweringAppellant {

  private final Appeals appeals;
  private final Decisions decisions;
  private final ReasonCodes reasonCodes;
  private final AppealProperties properties;
  private final Clock clock;

  public AnsweringAppellant(Appeals appeals, Decisions decisions, ReasonCodes reasonCodes, AppealProperties properties, Clock clock) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.reasonCodes = reasonCodes;
    this.properties = properties;
    this.clock = clock;
  }

  /** Stores the answer once (a retried job keeps the first) and returns it. */
  public String answer(UUID appealId, long jobKey) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    String reply = reply(appeal);
    appeals.setReply(appealId, reply);
    appeals.addEvent(appealId, clock.instant(), "answered", "the answer was sent", null, null, jobKey);
    return appeals.find(appealId).orElseThrow().reply();
  }

  String reply(Appeal appeal) {
    String what;
    if (appeal.outcomeDecisionId() == null) {
      what = "We could not consider your appeal. Reason: " + appeal.ineligibleReason() + ".";
    } else {
      Decision ruling = decisions.find(appeal.outcomeDecisionId()).orElseThrow();
      String why = reasonCodes.find(ruling.reasonCode()).map(ReasonCode::noticeText).orElse("");
      what =
          (appeal.status() == Appeal.Status.OVERTURNED
                  ? "A policy expert reviewed your appeal and reversed the decision: your content is restored."
                  : "A policy expert reviewed your appeal and upheld the decision.")
              + (why.isBlank() ? "" : " " + why)
              + " The expert's explanation: " + ruling.note()
              + " This decision was taken by a person, not by automated means, and not by the person who took the original decision.";
    }
    String redress =
        properties.redress().stream()
            .map(r -> "- " + r.description() + (r.url() == null ? "" : " (" + r.url() + ")"))
            .collect(Collectors.joining("\n"));
    return what + "\nIf you disagree, you can still:\n" + redress;
  }
}
