package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.policy.backtest.PastCase;
import dev.arbiter.policy.backtest.ShadowEvaluation;
import dev.arbiter.policy.change.DraftStatus;
import dev.arbiter.policy.change.FourEyesViolationException;
import dev.arbiter.policy.change.InMemoryPolicyStore;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyEvent;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.diff.EntryChange;
import dev.arbiter.policy.diff.PolicyDiff;
import dev.arbiter.policy.diff.RuleChange;
import dev.arbiter.policy.diff.ThresholdChange;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Draft, backtest, four-eyes approval, publish, rollback, diff and shadow mode against the in-memory store. */
class ChangeControlTest {

    private static final PolicyCompiler COMPILER = new PolicyCompiler();
    private static final PolicyBundle SHIPPED = PolicyBundle.shipped();
    private static final PolicyBundle LOWER_SPAM_THRESHOLD =
            SHIPPED.withRoutingDmn(Dmns.setEntry(Dmns.shipped(), "spam-auto-remove-spam", ">= 0.9"));
    private static final RoutingSignals LIKELY_SPAM = Signals.quietPost().spam(0.93).build();
    private static final List<PastCase> SAMPLE = List.of(
            new PastCase("c1", LIKELY_SPAM, Route.REVIEW, "spam"),
            new PastCase("c2", Signals.quietPost().build(), Route.ALLOW, "none"));

    private InMemoryPolicyStore store;
    private PolicyLibrary library;

    @BeforeEach
    void setUp() {
        store = new InMemoryPolicyStore();
        library = new PolicyLibrary(store, COMPILER, Clock.fixed(Instant.parse("2025-06-02T09:00:00Z"), ZoneOffset.UTC));
        library.initialise(SHIPPED, "system");
    }

    private PolicyDraft backtestedDraft(String author, PolicyBundle content) {
        PolicyDraft draft = library.createDraft(author, "auto-remove spam from 0.9: reviewers confirmed 99.4% of 0.9-0.97 cases", content);
        library.backtest(draft.id(), SAMPLE, author);
        return draft;
    }

    @Test
    void authorCannotApproveTheirOwnChange() {
        PolicyDraft draft = backtestedDraft("alice", LOWER_SPAM_THRESHOLD);

        assertThatThrownBy(() -> library.approve(draft.id(), "alice", "looks good"))
                .isInstanceOf(FourEyesViolationException.class)
                .hasMessage("policy change d1 was drafted by alice; the author cannot approve their own change, a second policy expert must review it");
        assertThatThrownBy(() -> library.reject(draft.id(), "alice", "never mind"))
                .isInstanceOf(FourEyesViolationException.class);
        assertThat(library.draft(draft.id()).status()).isEqualTo(DraftStatus.OPEN);

        PolicyDraft approved = library.approve(draft.id(), "bob", "backtest shows only spam review cases move");
        assertThat(approved.status()).isEqualTo(DraftStatus.APPROVED);
        assertThat(approved.reviewer()).isEqualTo("bob");
    }

    @Test
    void approvalNeedsABacktestAndPublishingNeedsApproval() {
        PolicyDraft draft = library.createDraft("alice", "lower spam threshold", LOWER_SPAM_THRESHOLD);
        assertThatThrownBy(() -> library.publish(draft.id(), "alice"))
                .isInstanceOf(PolicyChangeException.class).hasMessageContaining("is OPEN and cannot be published");
        assertThatThrownBy(() -> library.approve(draft.id(), "bob", "ok"))
                .isInstanceOf(PolicyChangeException.class).hasMessageContaining("has not been backtested");
    }

    @Test
    void publishedVersionDecidesNewCasesAndNamesItself() {
        RoutingDecision before = library.evaluate(LIKELY_SPAM);
        assertThat(before.route()).isEqualTo(Route.REVIEW);
        assertThat(before.policy().label()).isEqualTo("v1");

        PolicyDraft draft = backtestedDraft("alice", LOWER_SPAM_THRESHOLD);
        library.approve(draft.id(), "bob", "ok");
        PolicyVersion v2 = library.publish(draft.id(), "bob");

        assertThat(v2.number()).isEqualTo(2);
        assertThat(v2.author()).isEqualTo("alice");
        assertThat(v2.approver()).isEqualTo("bob");
        assertThat(v2.contentHash()).isEqualTo(LOWER_SPAM_THRESHOLD.contentHash());
        RoutingDecision after = library.evaluate(LIKELY_SPAM);
        assertThat(after.route()).isEqualTo(Route.REMOVE);
        assertThat(after.ruleId()).isEqualTo("spam-auto-remove");
        assertThat(after.policy()).isEqualTo(PolicyRef.version(2, LOWER_SPAM_THRESHOLD.contentHash()));
        assertThat(library.draft(draft.id()).publishedVersion()).isEqualTo(2);
        assertThat(library.changeLog()).extracting(PolicyEvent::type).containsExactly(PolicyEvent.Type.PUBLISHED,
                PolicyEvent.Type.DRAFTED, PolicyEvent.Type.BACKTESTED, PolicyEvent.Type.APPROVED, PolicyEvent.Type.PUBLISHED);
    }

    @Test
    void rollbackRepublishesEarlierContentAsANewVersion() {
        PolicyDraft draft = backtestedDraft("alice", LOWER_SPAM_THRESHOLD);
        library.approve(draft.id(), "bob", "ok");
        library.publish(draft.id(), "bob");

        PolicyVersion v3 = library.rollback(1, "carol", "false removals reported by creators");

        assertThat(v3.number()).isEqualTo(3);
        assertThat(v3.restoredFrom()).isEqualTo(1);
        assertThat(v3.contentHash()).isEqualTo(SHIPPED.contentHash());
        assertThat(v3.publishedBy()).isEqualTo("carol");
        RoutingDecision decision = library.evaluate(LIKELY_SPAM);
        assertThat(decision.route()).isEqualTo(Route.REVIEW);
        assertThat(decision.policy().label()).isEqualTo("v3");
        assertThat(library.versions()).extracting(PolicyVersion::number).containsExactly(1, 2, 3);
        assertThat(library.changeLog().get(library.changeLog().size() - 1).detail())
                .isEqualTo("restores v1 (was v2): false removals reported by creators");
        assertThatThrownBy(() -> library.rollback(1, "carol", "again"))
                .isInstanceOf(PolicyChangeException.class).hasMessageContaining("same content as the live v3");
    }

    @Test
    void draftBasedOnAnOlderVersionCannotBePublished() {
        PolicyDraft first = backtestedDraft("alice", LOWER_SPAM_THRESHOLD);
        PolicyBundle other = SHIPPED.withRoutingDmn(Dmns.setEntry(Dmns.shipped(), "spam-review-sla", "\"P1D\""));
        PolicyDraft second = backtestedDraft("dave", other);
        library.approve(first.id(), "bob", "ok");
        library.approve(second.id(), "bob", "ok");
        library.publish(first.id(), "bob");

        assertThatThrownBy(() -> library.publish(second.id(), "bob"))
                .isInstanceOf(PolicyChangeException.class)
                .hasMessage("policy change d2 was drafted against v1 but v2 is live now; draft it again from v2 so the review covers the current policy");
    }

    @Test
    void invalidOrUnchangedDraftsAreRefusedAndNotStored() {
        PolicyBundle broken = SHIPPED.withRoutingDmn(Dmns.setEntry(Dmns.shipped(), "below-thresholds-spam", "< 0.75"));
        assertThatThrownBy(() -> library.createDraft("alice", "typo", broken))
                .isInstanceOf(PolicyValidationException.class).hasMessageContaining("no rule matches");
        assertThatThrownBy(() -> library.createDraft("alice", "same", SHIPPED))
                .isInstanceOf(PolicyChangeException.class).hasMessageContaining("identical to the live policy v1");
        assertThat(library.drafts()).isEmpty();
    }

    @Test
    void diffNamesChangedThresholdsAndAddedOrRemovedRules() {
        PolicyDraft draft = library.createDraft("alice", "lower spam threshold", LOWER_SPAM_THRESHOLD);
        PolicyDiff diff = library.diffDraft(draft.id());
        assertThat(diff.from()).isEqualTo("v1");
        assertThat(diff.to()).isEqualTo("draft-d1");
        assertThat(diff.thresholdsChanged()).containsExactly(new ThresholdChange("spam-auto-remove", "spam", ">= 0.97", ">= 0.9"));
        assertThat(diff.rulesChanged()).containsExactly(new RuleChange("spam-auto-remove", List.of(new EntryChange("spam", ">= 0.97", ">= 0.9"))));
        assertThat(diff.rulesAdded()).isEmpty();
        assertThat(diff.rulesRemoved()).isEmpty();

        String dmn = Dmns.removeRule(Dmns.shipped(), "advert-scam").replace("id=\"scam-review", "id=\"scam-review-v2");
        PolicyDraft restructured = library.createDraft("alice", "merge advert rule", SHIPPED.withRoutingDmn(dmn));
        PolicyDiff structural = library.diffDraft(restructured.id());
        assertThat(structural.rulesRemoved()).containsExactly("advert-scam", "scam-review");
        assertThat(structural.rulesAdded()).containsExactly("scam-review-v2");
        assertThat(structural.rulesMoved()).isEmpty();
    }

    @Test
    void versionsCanBeDiffedAndReorderingIsReported() {
        String swapped = Dmns.shipped();
        String hate = swapped.substring(swapped.indexOf("      <rule id=\"hate-review\">"), swapped.indexOf("      <rule id=\"sexual-review\">"));
        swapped = swapped.replace(hate, "");
        swapped = swapped.replace("      <rule id=\"scam-review\">", hate + "      <rule id=\"scam-review\">");
        PolicyDraft draft = backtestedDraft("alice", SHIPPED.withRoutingDmn(swapped));
        library.approve(draft.id(), "bob", "ok");
        library.publish(draft.id(), "bob");

        PolicyDiff diff = library.diff(1, 2);
        assertThat(diff.rulesChanged()).isEmpty();
        assertThat(diff.rulesMoved()).containsExactly("hate-review", "scam-review", "violence-review");
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void shadowModeRecordsWhatTheDraftWouldDoWithoutActing() {
        PolicyDraft draft = library.createDraft("alice", "lower spam threshold", LOWER_SPAM_THRESHOLD);

        ShadowEvaluation shadow = library.shadow(draft.id(), "case-77", LIKELY_SPAM);

        assertThat(shadow.live().route()).isEqualTo(Route.REVIEW);
        assertThat(shadow.live().policy().label()).isEqualTo("v1");
        assertThat(shadow.shadow().route()).isEqualTo(Route.REMOVE);
        assertThat(shadow.shadow().policy().label()).isEqualTo("draft-d1");
        assertThat(shadow.diverged()).isTrue();
        assertThat(library.shadowEvaluations(draft.id())).containsExactly(shadow);
        assertThat(library.live().number()).isEqualTo(1);
        assertThat(library.evaluate(LIKELY_SPAM).route()).isEqualTo(Route.REVIEW);
    }
}
