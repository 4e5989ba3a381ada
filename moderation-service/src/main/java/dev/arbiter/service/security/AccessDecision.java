package dev.arbiter.service.security;

import java.util.Set;

/**
 * One decision about a sensitive read, as written to the access log.
 *
 * @param subject who asked ({@code sub})
 * @param username who asked, readable
 * @param roles the caller's roles at the time
 * @param resource what was asked for, such as {@code case/42/content}
 * @param granted whether it was allowed
 * @param reason the rule that decided
 */
public record AccessDecision(
    String subject,
    String username,
    Set<String> roles,
    String resource,
    boolean granted,
    String reason) {

  public AccessDecision {
    roles = Set.copyOf(roles);
  }

  public static AccessDecision of(ArbiterUser user, String resource, boolean granted, String reason) {
    return new AccessDecision(user.subject(), user.username(), user.roles(), resource, granted, reason);
  }
}
