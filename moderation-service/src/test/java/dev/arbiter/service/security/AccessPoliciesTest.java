package dev.arbiter.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.access.AccessDeniedException;

/** Queue access by group and the data-level rules, with their decisions in the access log. */
@ExtendWith(OutputCaptureExtension.class)
class AccessPoliciesTest {

  /** The shape of a case as the data-level rules see it. */
  record CaseView(String id, String authorId, String platformId) implements Authored, PlatformOwned {}

  private static final CaseView CASE = new CaseView("42", "author-sub", "demo");

  private static final AccessRule<CaseView> CASE_READ =
      AccessRule.<CaseView>anyRole(Roles.MODERATOR, Roles.AUDITOR)
          .or(AccessRule.author())
          .or(AccessRule.owningPlatform());

  private final QueueAccess queues = new QueueAccess();
  private final ResourceAccess access = new ResourceAccess(new AccessLog());

  private static ArbiterUser user(String sub, Set<String> roles, Set<String> groups, String platform) {
    return new ArbiterUser(sub, sub + "-name", roles, groups, Optional.ofNullable(platform));
  }

  @Test
  void aModeratorWorksOnlyTheQueuesOfTheirGroups() {
    ArbiterUser moderator =
        user("m", Set.of(Roles.MODERATOR), Set.of("/queues/hate-speech", "/languages/de"), null);

    assertThat(queues.mayWork(moderator, "hate-speech")).isTrue();
    assertThat(queues.mayWork(moderator, "general")).isFalse();
    assertThat(queues.mayWork(moderator, "de")).isFalse();
  }

  @Test
  void groupMembershipWithoutAReviewerRoleWorksNoQueue() {
    ArbiterUser auditor = user("a", Set.of(Roles.AUDITOR), Set.of("/queues/general"), null);

    assertThat(queues.mayWork(auditor, "general")).isFalse();
  }

  @Test
  void nestedGroupsAndOddNamesAreNotQueues() {
    ArbiterUser moderator =
        user("m", Set.of(Roles.MODERATOR), Set.of("/queues/general/night", "/queues/Bad Name"), null);

    assertThat(moderator.queues()).containsExactly("Bad Name");
    assertThat(queues.mayWork(moderator, "Bad Name")).isFalse();
    assertThat(queues.mayWork(moderator, "general")).isFalse();
  }

  @Test
  void anAppellantReadsTheirOwnCaseOnly(CapturedOutput output) {
    ArbiterUser author = user("author-sub", Set.of(Roles.APPELLANT), Set.of(), null);
    ArbiterUser other = user("other-sub", Set.of(Roles.APPELLANT), Set.of(), null);

    assertThat(access.require(author, "case/42", CASE, CASE_READ)).isSameAs(CASE);
    assertThatThrownBy(() -> access.require(other, "case/42", CASE, CASE_READ))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(output.getOut())
        .contains("access granted to case/42 for author-sub-name: author")
        .contains("access denied to case/42 for other-sub-name: no rule allows it");
  }

  @Test
  void aPlatformReadsOnlyItsPlatformsItems() {
    ArbiterUser demo = user("p1", Set.of(Roles.PLATFORM), Set.of(), "demo");
    ArbiterUser other = user("p2", Set.of(Roles.PLATFORM), Set.of(), "other");
    ArbiterUser claimWithoutRole = user("p3", Set.of(), Set.of(), "demo");

    assertThat(CASE_READ.grant(demo, CASE)).contains("platform demo");
    assertThat(CASE_READ.grant(other, CASE)).isEmpty();
    assertThat(CASE_READ.grant(claimWithoutRole, CASE)).isEmpty();
  }

  @Test
  void theAuthorRuleNeedsTheAppellantRole() {
    ArbiterUser platformUsingAuthorsId = user("author-sub", Set.of(Roles.PLATFORM), Set.of(), "other");

    assertThat(CASE_READ.grant(platformUsingAuthorsId, CASE)).isEmpty();
  }

  @Test
  void staffRolesReadEveryCaseAndSayWhy(CapturedOutput output) {
    ArbiterUser auditor = user("aud", Set.of(Roles.AUDITOR), Set.of(), null);

    access.require(auditor, "case/42/content", CASE, CASE_READ);

    assertThat(output.getOut()).contains("access granted to case/42/content for aud-name: role auditor");
  }
}
