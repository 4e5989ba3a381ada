package dev.arbiter.service.security;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which review queues a user may work: a reviewer role and membership of the queue's Keycloak
 * group {@code /queues/<queue>}. Group membership is managed in Keycloak, not in Arbiter.
 */
@Component
public class QueueAccess {

  private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public boolean mayWork(ArbiterUser user, String queue) {
    return isQueueName(queue) && user.hasAnyRole(Roles.REVIEWERS) && user.queues().contains(queue);
  }

  /** Queue names are the group names under {@code /queues}: lower case, digits and dashes. */
  public static boolean isQueueName(String queue) {
    return queue != null && QUEUE_NAME.matcher(queue).matches();
  }

  /** The Keycloak group whose members work {@code queue}. */
  public static String groupPath(String queue) {
    return ArbiterUser.QUEUE_GROUPS + queue;
  }
}
