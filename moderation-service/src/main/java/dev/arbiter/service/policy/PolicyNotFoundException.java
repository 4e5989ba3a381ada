package dev.arbiter.service.policy;

/** A policy version or draft that does not exist (404). */
public class PolicyNotFoundException extends RuntimeException {

  public PolicyNotFoundException(String message) {
    super(message);
  }
}
