package dev.arbiter.policy.routing;

import dev.arbiter.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;

/** Reads the routing decision table out of a parsed DMN model and checks its shape: id, hit policy, columns. */
public final class RoutingTableReader {

    /** The decision id the triage workflow calls (zeebe:calledDecision decisionId="routing"). */
    public static final String DECISION_ID = "routing";

    /** The outputs every routing rule must set, in the order the table shows them. */
    public static final List<String> OUTPUTS = List.of("route", "queue", "priority", "sla", "fourEyes", "blindAuditRate", "reasonCode", "category");

    private static final Set<String> HIT_POLICIES = Set.of("FIRST", "UNIQUE");

    private RoutingTableReader() {
    }

    /** The table, or empty with the reasons added to problems. */
    public static Optional<RoutingTable> read(DmnModelInstance model, List<PolicyProblem> problems) {
        String where = "decision '" + DECISION_ID + "'";
        if (!(model.getModelElementById(DECISION_ID) instanceof Decision decision)) {
            problems.add(new PolicyProblem("routing.dmn", "has no decision with id '" + DECISION_ID + "' (the triage workflow calls it by this id)"));
            return Optional.empty();
        }
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            problems.add(new PolicyProblem(where, "must be a decision table"));
            return Optional.empty();
        }
        int before = problems.size();
        String hitPolicy = table.getHitPolicy() == null ? "UNIQUE" : table.getHitPolicy().name();
        if (!HIT_POLICIES.contains(hitPolicy)) {
            problems.add(new PolicyProblem(where, "hit policy " + hitPolicy + " is not allowed; use FIRST (first matching rule wins) or UNIQUE"));
        }
        List<InputColumn> inputs = new ArrayList<>();
        Set<Signal> seen = new HashSet<>();
        for (Input input : table.getInputs()) {
            String expression = input.getInputExpression() == null ? null : text(input.getInputExpression().getText());
            String label = Optional.ofNullable(input.getLabel()).orElse(input.getId());
            Optional<Signal> signal = Signal.byVariable(expression == null ? "" : expression.trim());
            if (signal.isEmpty()) {
                problems.add(new PolicyProblem(where + " input '" + label + "'", "expression '" + expression
                        + "' is not a signal; use one of " + java.util.Arrays.stream(Signal.values()).map(Signal::variable).toList()));
                continue;
            }
            String typeRef = input.getInputExpression().getTypeRef();
            if (typeRef != null && !typeRef.equals(signal.get().kind().typeRef())) {
                problems.add(new PolicyProblem(where + " input '" + label + "'", "typeRef '" + typeRef + "' does not fit signal '"
                        + signal.get().variable() + "', which is a " + signal.get().kind().typeRef()));
            }
            if (!seen.add(signal.get())) {
                problems.add(new PolicyProblem(where + " input '" + label + "'", "signal '" + signal.get().variable() + "' has two columns"));
            }
            String allowed = input.getInputValues() == null ? null : text(input.getInputValues().getText());
            inputs.add(new InputColumn(input.getId(), label, signal.get(), allowed));
        }
        List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
        if (!outputs.equals(OUTPUTS)) {
            problems.add(new PolicyProblem(where, "outputs must be exactly " + OUTPUTS + " in this order, found " + outputs));
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (Rule rule : table.getRules()) {
            String id = rule.getId();
            List<String> entries = rule.getInputEntries().stream().map(InputEntry::getText).map(RoutingTableReader::text).toList();
            List<String> values = rule.getOutputEntries().stream().map(OutputEntry::getText).map(RoutingTableReader::text).toList();
            if (id == null || id.isBlank()) {
                problems.add(new PolicyProblem(where + " rule " + (rules.size() + 1), "needs an id; rule ids name rules in diffs and audit records"));
                continue;
            }
            if (entries.size() != table.getInputs().size() || values.size() != outputs.size()) {
                problems.add(new PolicyProblem(where + " rule '" + id + "'", "needs one entry per input and per output column"));
                continue;
            }
            Map<String, String> outputEntries = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                outputEntries.put(outputs.get(i), values.get(i));
            }
            String description = rule.getDescription() == null ? "" : rule.getDescription().getTextContent().trim();
            rules.add(new RoutingRule(id, description, rules.size(), entries, outputEntries));
        }
        if (rules.isEmpty()) {
            problems.add(new PolicyProblem(where, "has no rules"));
        }
        return problems.size() == before ? Optional.of(new RoutingTable(DECISION_ID, hitPolicy, inputs, outputs, rules)) : Optional.empty();
    }

    private static String text(Text text) {
        return text == null ? "" : text.getTextContent().trim();
    }
}
