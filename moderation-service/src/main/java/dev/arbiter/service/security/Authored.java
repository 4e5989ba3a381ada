package dev.arbiter.service.security;

/** Something written by one user, such as a case about their content or their appeal. */
public interface Authored {

  /** The author's Keycloak subject ({@code sub}). */
  String authorId();
}
