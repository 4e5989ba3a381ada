package dev.arbiter.policy;

import dev.arbiter.policy.routing.PolicyEvaluationException;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import dev.arbiter.policy.routing.RoutingTable;
import dev.arbiter.policy.routing.Signal;
import dev.arbiter.policy.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import scala.util.Either;

/**
 * A validated policy ready to evaluate: the taxonomy, the routing table and the DMN as parsed by
 * dmn-scala, the engine Zeebe runs, so a backtest here decides exactly as the workflow will.
 */
public final class CompiledPolicy {

    private final PolicyBundle bundle;
    private final String contentHash;
    private final Taxonomy taxonomy;
    private final RoutingTable table;
    private final List<PolicyProblem> warnings;
    private final Map<Signal, Set<String>> declaredTexts;
    private final DmnEngine engine;
    private final ParsedDmn dmn;

    CompiledPolicy(PolicyBundle bundle, String contentHash, Taxonomy taxonomy, RoutingTable table, List<PolicyProblem> warnings,
                   Map<Signal, Set<String>> declaredTexts, DmnEngine engine, ParsedDmn dmn) {
        this.bundle = bundle;
        this.contentHash = contentHash;
        this.taxonomy = taxonomy;
        this.table = table;
        this.warnings = List.copyOf(warnings);
        this.declaredTexts = Map.copyOf(declaredTexts);
        this.engine = engine;
        this.dmn = dmn;
    }

    public PolicyBundle bundle() {
        return bundle;
    }

    public String contentHash() {
        return contentHash;
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public RoutingTable routingTable() {
        return table;
    }

    /** Findings that do not refuse the policy, such as rules that can never be reached. */
    public List<PolicyProblem> warnings() {
        return warnings;
    }

    /** Runs the routing decision; the result names the given policy reference. */
    public RoutingDecision evaluate(RoutingSignals signals, PolicyRef policy) {
        Map<String, Object> variables = signals.toVariables();
        declaredTexts.forEach((signal, allowed) -> {
            Object value = variables.get(signal.variable());
            if (!allowed.contains(value)) {
                throw new PolicyEvaluationException("signal " + signal.variable() + " = '" + value + "' is not one of the values policy "
                        + policy.label() + " declares: " + allowed);
            }
        });
        Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result = engine.eval(dmn, table.decisionId(), variables);
        if (result.isLeft()) {
            throw new PolicyEvaluationException("routing decision of policy " + policy.label() + " failed: " + result.left().get().failure().message());
        }
        if (!(result.right().get() instanceof DmnEngine.Result matched)) {
            throw new PolicyEvaluationException("no rule of policy " + policy.label() + " matches " + variables);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<String, Object>) matched.value());
        return new RoutingDecision(
                Route.fromValue((String) outputs.get("route")).orElseThrow(),
                (String) outputs.get("queue"),
                ((Number) outputs.get("priority")).intValue(),
                Duration.parse((String) outputs.get("sla")),
                (Boolean) outputs.get("fourEyes"),
                ((Number) outputs.get("blindAuditRate")).doubleValue(),
                (String) outputs.get("reasonCode"),
                (String) outputs.get("category"),
                matchedRuleId(matched.auditLog()),
                policy);
    }

    private static String matchedRuleId(Audit.AuditLog log) {
        Audit.EvaluationResult entry = log.entries().head().result();
        return ((Audit.DecisionTableEvaluationResult) entry).matchedRules().head().rule().id();
    }
}
