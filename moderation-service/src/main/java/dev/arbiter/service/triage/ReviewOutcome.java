package dev.arbiter.service.triage;

/** What review.check concludes after a human decision; the triage process branches on the value. */
public enum ReviewOutcome {
  FINAL("final"),
  SECOND_OPINION("second-opinion"),
  DISAGREEMENT("disagreement");

  private final String value;

  ReviewOutcome(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
