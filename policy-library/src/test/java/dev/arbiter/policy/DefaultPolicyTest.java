package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.policy.routing.PolicyEvaluationException;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shipped default policy, evaluated by dmn-scala on realistic signal sets. */
class DefaultPolicyTest {

    private static final PolicyCompiler COMPILER = new PolicyCompiler();
    private static final CompiledPolicy POLICY = COMPILER.compile(PolicyBundle.shipped());
    private static final PolicyRef REF = PolicyRef.version(1, POLICY.contentHash());

    private static RoutingDecision route(Signals signals) {
        return POLICY.evaluate(signals.build(), REF);
    }

    @Test
    void shippedPolicyIsCompleteAndEveryRuleIsReachable() {
        assertThat(POLICY.warnings()).isEmpty();
        assertThat(POLICY.routingTable().rules()).hasSize(17);
        assertThat(POLICY.routingTable().hitPolicy()).isEqualTo("FIRST");
    }

    @Test
    void quietPostIsAllowedWithAuditSample() {
        RoutingDecision d = route(Signals.quietPost());
        assertThat(d.route()).isEqualTo(Route.ALLOW);
        assertThat(d.ruleId()).isEqualTo("below-thresholds");
        assertThat(d.reasonCode()).isEqualTo("NO-VIOLATION");
        assertThat(d.category()).isEqualTo("none");
        assertThat(d.queue()).isEqualTo("audit-allow");
        assertThat(d.blindAuditRate()).isEqualTo(0.01);
        assertThat(d.policy()).isEqualTo(REF);
    }

    @Test
    void hashMatchIsRemovedWhateverElseTheSignalsSay() {
        RoutingDecision d = route(Signals.quietPost().hashMatch().reportedBy("trusted_flagger").coded());
        assertThat(d.route()).isEqualTo(Route.REMOVE);
        assertThat(d.ruleId()).isEqualTo("hash-match");
        assertThat(d.reasonCode()).isEqualTo("CSAM-01");
        assertThat(d.category()).isEqualTo("child_sexual_abuse");
        assertThat(d.sla()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void nearCertainEnglishSpamIsRemovedButNotInPrivateMessages() {
        RoutingDecision post = route(Signals.quietPost().spam(0.985));
        assertThat(post.route()).isEqualTo(Route.REMOVE);
        assertThat(post.ruleId()).isEqualTo("spam-auto-remove");
        assertThat(post.reasonCode()).isEqualTo("SPAM-01");

        RoutingDecision message = route(Signals.quietPost().spam(0.985).surface("direct_message"));
        assertThat(message.route()).isEqualTo(Route.REVIEW);
        assertThat(message.ruleId()).isEqualTo("spam-review");
        assertThat(message.queue()).isEqualTo("spam");
        assertThat(message.priority()).isEqualTo(4);
        assertThat(message.sla()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void languagesTheClassifierWasNotValidatedOnGoToPeople() {
        RoutingDecision d = route(Signals.quietPost().scam(0.97).language("sw"));
        assertThat(d.route()).isEqualTo(Route.REVIEW);
        assertThat(d.ruleId()).isEqualTo("scam-review");
        assertThat(d.queue()).isEqualTo("fraud");
        assertThat(d.category()).isEqualTo("scams_fraud");

        assertThat(route(Signals.quietPost().scam(0.97).language("de")).route()).isEqualTo(Route.REMOVE);
    }

    @Test
    void thresholdsAreInclusiveAtTheirBoundary() {
        assertThat(route(Signals.quietPost().spam(0.8)).ruleId()).isEqualTo("spam-review");
        assertThat(route(Signals.quietPost().spam(0.7999)).ruleId()).isEqualTo("below-thresholds");
        assertThat(route(Signals.quietPost().spam(0.97)).ruleId()).isEqualTo("spam-auto-remove");
    }

    @Test
    void codedLanguageAlwaysNeedsTwoPeople() {
        RoutingDecision hateful = route(Signals.quietPost().coded().hate(0.55));
        assertThat(hateful.ruleId()).isEqualTo("coded-hate");
        assertThat(hateful.fourEyes()).isTrue();
        assertThat(hateful.reasonCode()).isEqualTo("HATE-01");

        RoutingDecision other = route(Signals.quietPost().coded().spam(0.99));
        assertThat(other.ruleId()).isEqualTo("coded-other");
        assertThat(other.route()).isEqualTo(Route.REVIEW);
        assertThat(other.fourEyes()).isTrue();
    }

    @Test
    void repeatOffenderHateIsEscalatedToSeniorPolicy() {
        RoutingDecision d = route(Signals.quietPost().hate(0.82).priorStrikes(4));
        assertThat(d.route()).isEqualTo(Route.ESCALATE);
        assertThat(d.queue()).isEqualTo("senior-policy");
        assertThat(d.reasonCode()).isEqualTo("HATE-02");

        RoutingDecision firstTime = route(Signals.quietPost().hate(0.82).priorStrikes(0));
        assertThat(firstTime.route()).isEqualTo(Route.REVIEW);
        assertThat(firstTime.queue()).isEqualTo("hate-speech");
    }

    @Test
    void imminentViolenceIsEscalatedWithinTheHour() {
        RoutingDecision d = route(Signals.quietPost().violence(0.93).reportedBy("user"));
        assertThat(d.route()).isEqualTo(Route.ESCALATE);
        assertThat(d.sla()).isEqualTo(Duration.ofHours(1));
        assertThat(d.priority()).isEqualTo(1);
        assertThat(d.fourEyes()).isTrue();
    }

    @Test
    void trustedFlaggerAndAuthorityNoticesGetPriorityPeople() {
        assertThat(route(Signals.quietPost().reportedBy("trusted_flagger")).queue()).isEqualTo("trusted-flagger");
        RoutingDecision order = route(Signals.quietPost().reportedBy("authority"));
        assertThat(order.route()).isEqualTo(Route.ESCALATE);
        assertThat(order.queue()).isEqualTo("legal-orders");
    }

    @Test
    void advertsHaveALowerScamThreshold() {
        assertThat(route(Signals.quietPost().scam(0.45).surface("advert")).queue()).isEqualTo("ads-integrity");
        assertThat(route(Signals.quietPost().scam(0.45)).route()).isEqualTo(Route.ALLOW);
    }

    @Test
    void valuesOutsideTheDeclaredSurfacesAreRefusedNotGuessed() {
        RoutingSignals unknownSurface = Signals.quietPost().surface("forum").build();
        assertThatThrownBy(() -> POLICY.evaluate(unknownSurface, REF))
                .isInstanceOf(PolicyEvaluationException.class)
                .hasMessageContaining("surface = 'forum'");
    }

    @Test
    void blindAuditSamplingIsReproducibleAndNearTheRate() {
        RoutingDecision d = route(Signals.quietPost().reportedBy("user"));
        long sampled = java.util.stream.IntStream.range(0, 20_000).filter(i -> d.selectsForBlindAudit("case-" + i)).count();
        assertThat(sampled).isBetween(140L, 260L);
        assertThat(d.selectsForBlindAudit("case-42")).isEqualTo(d.selectsForBlindAudit("case-42"));
    }
}
