package dev.arbiter.service.appeal;

import dev.arbiter.service.security.Authored;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A complaint against one decision, as stored; the appellant is its author for the access rules. */
public record Appeal(
    UUID id,
    UUID decisionId,
    UUID caseId,
    String appellantId,
    AppellantRole appellantRole,
    String text,
    Status status,
    String ineligibleReason,
    UUID queueItemId,
    UUID outcomeDecisionId,
    String reply,
    Instant filedAt,
    Long processInstanceKey) implements Authored {

  @Override
  public String authorId() {
    return appellantId;
  }

  public boolean isOpen() {
    return status == Status.FILED || status == Status.IN_REVIEW || status == Status.ESCALATED;
  }

  public enum Status {
    FILED("filed"),
    INELIGIBLE("ineligible"),
    IN_REVIEW("in-review"),
    ESCALATED("escalated"),
    UPHELD("upheld"),
    OVERTURNED("overturned");

    private final String value;

    Status(String value) {
      this.value = value;
    }

    /** The word the API and the database use. */
    public String value() {
      return value;
    }

    public static Status of(String value) {
      for (Status status : values()) {
        if (status.value.equals(value)) {
          return status;
        }
      }
      throw new IllegalArgumentException("Unknown appeal status " + value);
    }
  }

  public enum AppellantRole {
    AUTHOR,
    REPORTER;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
