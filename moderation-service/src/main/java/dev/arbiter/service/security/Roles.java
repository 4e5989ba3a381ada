package dev.arbiter.service.security;

import java.util.Set;

/**
 * The realm roles Arbiter reads from Keycloak tokens. Endpoints declare who may call them with
 * {@code @RolesAllowed} and these constants; a test fails for any /api endpoint without one.
 */
public final class Roles {

  public static final String PLATFORM = "platform";
  public static final String MODERATOR = "moderator";
  public static final String SENIOR_MODERATOR = "senior-moderator";
  public static final String POLICY_EXPERT = "policy-expert";
  public static final String POLICY_ADMIN = "policy-admin";
  public static final String AUDITOR = "auditor";
  public static final String APPELLANT = "appellant";

  public static final Set<String> ALL =
      Set.of(PLATFORM, MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT, POLICY_ADMIN, AUDITOR, APPELLANT);

  /** Roles whose holders review content; queue membership decides which queues. */
  public static final Set<String> REVIEWERS = Set.of(MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT);

  private Roles() {}
}
