package dev.arbiter.service.security;

import java.util.Optional;
import java.util.Set;

/**
 * A data-level rule: whether a user may read one item, and why. Rules combine with {@link #or}, so
 * an endpoint states its policy in one line, for example {@code
 * AccessRule.<Case>anyRole(MODERATOR, AUDITOR).or(author()).or(owningPlatform())}.
 */
@FunctionalInterface
public interface AccessRule<T> {

  /** The reason the rule allows the read, or empty when it does not. */
  Optional<String> grant(ArbiterUser user, T item);

  default AccessRule<T> or(AccessRule<? super T> other) {
    return (user, item) -> grant(user, item).or(() -> other.grant(user, item));
  }

  /** Holders of any of these roles may read every item. */
  static <T> AccessRule<T> anyRole(String... roles) {
    Set<String> allowed = Set.of(roles);
    return (user, item) ->
        allowed.stream().filter(user::hasRole).findFirst().map(role -> "role " + role);
  }

  /** The author reads their own item: an appellant sees only their own cases. */
  static <T extends Authored> AccessRule<T> author() {
    return (user, item) ->
        user.hasRole(Roles.APPELLANT) && user.subject().equals(item.authorId())
            ? Optional.of("author")
            : Optional.empty();
  }

  /** A platform client reads only the items its platform submitted. */
  static <T extends PlatformOwned> AccessRule<T> owningPlatform() {
    return (user, item) ->
        user.hasRole(Roles.PLATFORM)
                && user.platformId().filter(id -> id.equals(item.platformId())).isPresent()
            ? Optional.of("platform " + item.platformId())
            : Optional.empty();
  }
}
