package dev.arbiter.service.security;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The caller of a request as Arbiter sees it, read from a verified token.
 *
 * @param subject Keycloak's stable user id ({@code sub}); cases store it as their author
 * @param username {@code preferred_username}
 * @param roles realm roles and the service's client roles, without prefix
 * @param groups full group paths, such as {@code /queues/general} and {@code /languages/en}
 * @param platformId the platform a machine client submits for, present only for platform clients
 */
public record ArbiterUser(
    String subject,
    String username,
    Set<String> roles,
    Set<String> groups,
    Optional<String> platformId) {

  static final String QUEUE_GROUPS = "/queues/";
  static final String LANGUAGE_GROUPS = "/languages/";

  public ArbiterUser {
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean hasAnyRole(Set<String> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }

  /** Queues whose groups the user belongs to. */
  public SortedSet<String> queues() {
    return children(QUEUE_GROUPS);
  }

  /** Languages the user reads, from the {@code /languages/*} groups. */
  public SortedSet<String> languages() {
    return children(LANGUAGE_GROUPS);
  }

  private SortedSet<String> children(String parent) {
    TreeSet<String> names = new TreeSet<>();
    for (String group : groups) {
      if (group.startsWith(parent) && group.indexOf('/', parent.length()) < 0) {
        names.add(group.substring(parent.length()));
      }
    }
    return names;
  }
}
