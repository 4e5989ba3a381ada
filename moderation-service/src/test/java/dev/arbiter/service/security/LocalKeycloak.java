package dev.arbiter.service.security;

import dev.arbiter.service.support.LocalPart;

/**
 * The real Keycloak of the end-to-end tests: {@code ARBITER_KEYCLOAK_URL} when set, otherwise the one
 * of infra/keycloak/keycloak.sh, started here if needed and then stopped when the JVM exits.
 */
final class LocalKeycloak {

  static final String REALM = "arbiter";

  private LocalKeycloak() {}

  static String url() {
    return LocalPart.KEYCLOAK.url();
  }

  static String issuer() {
    return url() + "/realms/" + REALM;
  }
}
