package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.backtest.BacktestReport;
import dev.arbiter.policy.backtest.ChangedDecision;
import dev.arbiter.policy.backtest.PastCase;
import dev.arbiter.policy.change.InMemoryPolicyStore;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.routing.Route;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backtest whose counts were worked out by hand from the default policy and the draft's one change. */
class BacktestTest {

    @Test
    void loweringTheSpamAutoRemoveThresholdChangesExactlyTheHandCountedCases() {
        PolicyLibrary library = new PolicyLibrary(new InMemoryPolicyStore(), new PolicyCompiler(), Clock.systemUTC());
        library.initialise(PolicyBundle.shipped(), "system");
        PolicyBundle draftContent = PolicyBundle.shipped().withRoutingDmn(Dmns.setEntry(Dmns.shipped(), "spam-auto-remove-spam", ">= 0.9"));
        PolicyDraft draft = library.createDraft("alice", "auto-remove spam from 0.9", draftContent);

        List<PastCase> cases = List.of(
                // 0.93 on a public post: was review, the draft removes it
                new PastCase("c1", Signals.quietPost().spam(0.93).build(), Route.REVIEW, "spam"),
                // private messages stay excluded from automatic removal
                new PastCase("c2", Signals.quietPost().spam(0.95).surface("direct_message").build(), Route.REVIEW, "spam"),
                // Swahili is not a validated language, so people still decide
                new PastCase("c3", Signals.quietPost().spam(0.92).language("sw").build(), Route.REVIEW, "spam"),
                // already removed under the old threshold
                new PastCase("c4", Signals.quietPost().spam(0.99).build(), Route.REMOVE, "spam"),
                new PastCase("c5", Signals.quietPost().build(), Route.ALLOW, "none"),
                // 0.91 on a comment: was review, the draft removes it
                new PastCase("c6", Signals.quietPost().spam(0.91).surface("comment").build(), Route.REVIEW, "spam"),
                // decided under an older, stricter hate threshold; today's rules allow it
                new PastCase("c7", Signals.quietPost().hate(0.5).build(), Route.REVIEW, "hate_speech"),
                new PastCase("c8", Signals.quietPost().scam(0.96).build(), Route.REMOVE, "scams_fraud"));

        BacktestReport report = library.backtest(draft.id(), cases, "alice");

        assertThat(report.cases()).isEqualTo(8);
        assertThat(report.changed()).isEqualTo(3);
        assertThat(report.unchanged()).isEqualTo(5);
        assertThat(report.changedByCategory()).isEqualTo(Map.of("spam", 2, "hate_speech", 1));
        assertThat(report.changedByRoute()).isEqualTo(Map.of(Route.REVIEW, 3));
        assertThat(report.routeTransitions()).isEqualTo(Map.of("review -> remove", 2, "review -> allow", 1));
        assertThat(report.examples()).containsExactly(
                new ChangedDecision("c1", Route.REVIEW, "spam", Route.REMOVE, "spam", "spam-auto-remove"),
                new ChangedDecision("c6", Route.REVIEW, "spam", Route.REMOVE, "spam", "spam-auto-remove"),
                new ChangedDecision("c7", Route.REVIEW, "hate_speech", Route.ALLOW, "none", "below-thresholds"));
        assertThat(report.policy().label()).isEqualTo("draft-d1");
        assertThat(library.draft(draft.id()).backtest().changed()).isEqualTo(3);
    }
}
