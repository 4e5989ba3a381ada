package dev.arbiter.service.decision;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One decision about a case, automatic or human. The small map form travels as a process variable. */
public record Decision(
    UUID id,
    UUID caseId,
    UUID queueItemId,
    String actorId,
    ActorType actorType,
    String action,
    String category,
    String reasonCode,
    String note,
    String policyVersion,
    Instant decidedAt) {

  public enum ActorType {
    AUTOMATED,
    HUMAN;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Decision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actorType, "actorType");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /** Same action for the same reason: the user gets the same outcome and the same statement of reasons. */
  public boolean sameOutcomeAs(Decision other) {
    return action.equals(other.action) && Objects.equals(reasonCode, other.reasonCode);
  }

  /** What the process needs to branch and what the later jobs look up: ids and small summaries only. */
  public Map<String, Object> toVariable() {
    return Map.of(
        "id", id.toString(),
        "action", action,
        "actorType", actorType.value(),
        "reasonCode", reasonCode == null ? "" : reasonCode,
        "category", category == null ? "" : category);
  }
}
