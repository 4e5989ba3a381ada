package dev.arbiter.service.security;

import java.util.List;

/**
 * The demo identity holding each Arbiter role, as defined in infra/keycloak/realm-arbiter.json; the
 * end-to-end test checks that Keycloak's tokens carry exactly these groups.
 *
 * @param role the one Arbiter role it holds
 * @param name the username, or the client id of a machine client
 * @param groups its group paths
 * @param homeQueue the queue its requests name, one it works when it is a reviewer
 */
record DemoIdentity(String role, String name, List<String> groups, String homeQueue) {

  static final List<DemoIdentity> ALL =
      List.of(
          new DemoIdentity(Roles.PLATFORM, "platform-demo", List.of(), "general"),
          new DemoIdentity(
              Roles.MODERATOR, "moderator1", List.of("/queues/general", "/languages/en"), "general"),
          new DemoIdentity(
              Roles.SENIOR_MODERATOR,
              "senior1",
              List.of("/queues/senior", "/queues/senior-policy", "/queues/general", "/queues/hate-speech", "/languages/en",
                  "/languages/fr"),
              "senior"),
          new DemoIdentity(
              Roles.POLICY_EXPERT, "expert1", List.of("/queues/appeals", "/languages/en"), "appeals"),
          new DemoIdentity(Roles.POLICY_ADMIN, "policyadmin1", List.of(), "general"),
          new DemoIdentity(Roles.AUDITOR, "auditor1", List.of(), "general"),
          new DemoIdentity(Roles.APPELLANT, "appellant1", List.of(), "general"));

  static DemoIdentity of(String role) {
    return ALL.stream()
        .filter(identity -> identity.role().equals(role))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No demo identity holds role " + role));
  }

  boolean isMachineClient() {
    return Roles.PLATFORM.equals(role);
  }

  /** A locally signed token shaped like Keycloak's for this identity. */
  String localToken(LocalTokens tokens) {
    LocalTokens.Token token =
        tokens.token(isMachineClient() ? "service-account-" + name : name)
            .realmRoles(role)
            .groups(groups.toArray(String[]::new));
    return (isMachineClient() ? token.platformId("demo") : token).sign();
  }
}
