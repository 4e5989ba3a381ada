package dev.arbiter.service.triage;

import dev.arbiter.policy.routing.RoutingSignals;
import java.util.Map;

/** Reads the process variable "signals" (RoutingSignals.toVariables) back into signals. */
final class SignalVariables {

  private SignalVariables() {}

  static RoutingSignals toSignals(Map<String, Object> v) {
    return new RoutingSignals(
        number(v, "spam"),
        number(v, "scam"),
        number(v, "hate"),
        number(v, "sexual"),
        number(v, "violence"),
        Boolean.TRUE.equals(v.get("coded")),
        Boolean.TRUE.equals(v.get("hashMatch")),
        (String) v.get("language"),
        (String) v.get("surface"),
        (int) number(v, "priorStrikes"),
        (String) v.get("reporterType"));
  }

  private static double number(Map<String, Object> v, String name) {
    Object value = v.get(name);
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("signal '" + name + "' is missing or not a number: " + value);
    }
    return number.doubleValue();
  }
}
