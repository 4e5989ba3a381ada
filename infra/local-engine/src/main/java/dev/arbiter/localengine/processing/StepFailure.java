package dev.arbiter.localengine.processing;

/** A problem while executing an element that stops the instance with an incident of this type. */
final class StepFailure extends RuntimeException {

  private final String incidentType;

  StepFailure(String incidentType, String message) {
    super(message);
    this.incidentType = incidentType;
  }

  String incidentType() {
    return incidentType;
  }
}
