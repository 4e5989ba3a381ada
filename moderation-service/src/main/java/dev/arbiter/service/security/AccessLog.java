package dev.arbiter.service.security;

import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records who read what sensitive data, allowed or refused, on its own logger so operators can
 * route it to a tamper-evident store. Fields are structured (ECS JSON in production).
 */
@Component
public class AccessLog {

  static final String LOGGER = "arbiter.access";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  public void record(AccessDecision decision) {
    log.atInfo()
        .addKeyValue("access.subject", decision.subject())
        .addKeyValue("access.username", decision.username())
        .addKeyValue("access.roles", String.join(",", new TreeSet<>(decision.roles())))
        .addKeyValue("access.resource", decision.resource())
        .addKeyValue("access.decision", decision.granted() ? "granted" : "denied")
        .addKeyValue("access.reason", decision.reason())
        .log(
            "access {} to {} for {}: {}",
            decision.granted() ? "granted" : "denied",
            decision.resource(),
            decision.username(),
            decision.reason());
  }
}
