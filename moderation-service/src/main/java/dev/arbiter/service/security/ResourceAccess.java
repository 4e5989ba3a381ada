package dev.arbiter.service.security;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Applies a data-level {@link AccessRule} to a sensitive read and logs the decision either way;
 * a refusal becomes a 403.
 */
@Component
public class ResourceAccess {

  private final AccessLog accessLog;

  public ResourceAccess(AccessLog accessLog) {
    this.accessLog = accessLog;
  }

  /** Returns {@code item} when {@code rule} lets {@code user} read it. */
  public <T> T require(ArbiterUser user, String resource, T item, AccessRule<? super T> rule) {
    Optional<String> reason = rule.grant(user, item);
    accessLog.record(
        AccessDecision.of(user, resource, reason.isPresent(), reason.orElse("no rule allows it")));
    if (reason.isEmpty()) {
      throw new AccessDeniedException("Access to " + resource + " denied");
    }
    return item;
  }

  /** Logs a read that the endpoint's roles alone allowed, such as an audit search. */
  public void granted(ArbiterUser user, String resource, String reason) {
    accessLog.record(AccessDecision.of(user, resource, true, reason));
  }
}
