package dev.arbiter.service.appeal;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of appeals ({@code arbiter.appeals.*}).
 *
 * @param window how long after a decision its author may appeal: a calendar period, P6M = six months (DSA Art. 20(1))
 * @param queue the policy-expert queue appeals wait in
 * @param seniorQueue where overdue and escalated appeals go
 * @param sla the non-interrupting reminder and the interrupting escalation of a waiting appeal
 * @param messageTtl how long an expert's decision waits for the process to reach its wait state
 * @param redress the redress options every answer names beyond this complaint (DSA Art. 17(3)(f), 20(5), 21)
 */
@ConfigurationProperties("arbiter.appeals")
public record AppealProperties(
    @DefaultValue("P6M") Period window,
    @DefaultValue("appeals") String queue,
    @DefaultValue("senior-policy") String seniorQueue,
    @DefaultValue Sla sla,
    @DefaultValue("PT1M") Duration messageTtl,
    List<Redress> redress) {

  public AppealProperties {
    redress = redress == null || redress.isEmpty() ? DEFAULT_REDRESS : List.copyOf(redress);
  }

  /** @param reminder when the experts are reminded; @param escalation when the appeal moves to senior policy */
  public record Sla(@DefaultValue("P2D") Duration reminder, @DefaultValue("P5D") Duration escalation) {

    /** The process variable appealSla: ISO-8601 durations, as the BPMN timers read them. */
    public Map<String, Object> toVariable() {
      return Map.of("reminder", reminder.toString(), "escalation", escalation.toString());
    }
  }

  /** @param kind out-of-court-dispute-settlement or judicial-redress; @param url where to read more, may be null */
  public record Redress(String kind, String description, String url) {}

  static final List<Redress> DEFAULT_REDRESS =
      List.of(
          new Redress(
              "out-of-court-dispute-settlement",
              "You may refer this decision to a certified out-of-court dispute settlement body (DSA Art. 21). "
                  + "Its decision is not binding; we take part in good faith.",
              "https://digital-strategy.ec.europa.eu/en/policies/dsa-out-court-dispute-settlement"),
          new Redress(
              "judicial-redress",
              "You may take the decision to the courts of your country at any time.",
              null));
}
