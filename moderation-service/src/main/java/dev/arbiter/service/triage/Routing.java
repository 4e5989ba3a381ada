package dev.arbiter.service.triage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy's routing of one case, as the process variable "routing": where the case goes and under
 * which policy version; blindAudit says whether the case is in the blind-audit sample. slaBreach
 * (twice the SLA) is when an unanswered review leaves its queue.
 */
public record Routing(
    String route,
    String queue,
    int priority,
    Duration sla,
    boolean fourEyes,
    double blindAuditRate,
    boolean blindAudit,
    String reasonCode,
    String category,
    String policyVersion,
    String ruleId) {

  public Duration slaBreach() {
    return sla.multipliedBy(2);
  }

  public Map<String, Object> toVariable() {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("route", route);
    variable.put("queue", queue);
    variable.put("priority", priority);
    variable.put("sla", sla.toString());
    variable.put("slaBreach", slaBreach().toString());
    variable.put("fourEyes", fourEyes);
    variable.put("blindAuditRate", blindAuditRate);
    variable.put("blindAudit", blindAudit);
    variable.put("reasonCode", reasonCode);
    variable.put("category", category);
    variable.put("policyVersion", policyVersion);
    variable.put("ruleId", ruleId);
    return variable;
  }

  public static Routing fromVariable(Map<String, Object> variable) {
    return new Routing(
        (String) variable.get("route"),
        (String) variable.get("queue"),
        ((Number) variable.get("priority")).intValue(),
        Duration.parse((String) variable.get("sla")),
        Boolean.TRUE.equals(variable.get("fourEyes")),
        ((Number) variable.get("blindAuditRate")).doubleValue(),
        Boolean.TRUE.equals(variable.get("blindAudit")),
        (String) variable.get("reasonCode"),
        (String) variable.get("category"),
        (String) variable.get("policyVersion"),
        (String) variable.get("ruleId"));
  }
}
