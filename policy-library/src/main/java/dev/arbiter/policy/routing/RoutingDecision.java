package dev.arbiter.policy.routing;

import dev.arbiter.policy.PolicyRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * The outcome of the routing decision for one case, naming the rule and the policy version that produced it.
 * For allow and remove the queue receives the blind-audit samples; for review and escalate it is the work queue.
 */
public record RoutingDecision(
        Route route,
        String queue,
        int priority,
        Duration sla,
        boolean fourEyes,
        double blindAuditRate,
        String reasonCode,
        String category,
        String ruleId,
        PolicyRef policy) {

    /**
     * Whether this case falls in the blind-audit sample; derived from the case id so the choice is
     * reproducible by an auditor and independent of evaluation order.
     */
    public boolean selectsForBlindAudit(String caseId) {
        if (blindAuditRate <= 0.0) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(caseId.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (digest[i] & 0xFF);
            }
            return bits / (double) (1L << 56) < blindAuditRate;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
