package dev.arbiter.policy.coverage;

import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.routing.InputColumn;
import dev.arbiter.policy.routing.RoutingRule;
import dev.arbiter.policy.routing.RoutingTable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Proves that a routing table decides every combination of allowed input values, or names the
 * combinations it leaves open. Each column is cut into cells (see {@link InputDomain}); a search then
 * splits the input space column by column, keeping only the rules that still match, and reports a gap
 * wherever no rule is left. Because every entry matches a cell entirely or not at all, finding no gap
 * over the cells means no gap over the real values: the check is sound, not sampled.
 */
public final class CoverageAnalysis {

    private static final int MAX_GAPS = 5;

    private final RoutingTable table;
    private final String where;
    private final List<PolicyProblem> errors = new ArrayList<>();
    private final List<PolicyProblem> warnings = new ArrayList<>();
    private List<InputDomain> domains;
    private BitSet[][] ruleCells;

    private CoverageAnalysis(RoutingTable table) {
        this.table = table;
        this.where = "decision '" + table.decisionId() + "'";
    }

    public static CoverageReport analyse(RoutingTable table) {
        CoverageAnalysis analysis = new CoverageAnalysis(table);
        analysis.run();
        return new CoverageReport(analysis.errors, analysis.warnings);
    }

    private void run() {
        int n = table.inputs().size();
        List<Condition> allowedValues = new ArrayList<>();
        for (InputColumn column : table.inputs()) {
            allowedValues.add(allowedValuesOf(column));
        }
        Condition[][] conditions = new Condition[table.rules().size()][n];
        List<PolicyProblem> unsupported = new ArrayList<>();
        for (RoutingRule rule : table.rules()) {
            for (int d = 0; d < n; d++) {
                InputColumn column = table.inputs().get(d);
                String text = rule.inputEntries().get(d);
                try {
                    conditions[rule.index()][d] = UnaryTestParser.parse(text, column.signal().kind());
                    checkDeclaredTexts(rule, column, conditions[rule.index()][d], allowedValues.get(d));
                } catch (UnsupportedEntryException e) {
                    unsupported.add(new PolicyProblem(ruleWhere(rule, column), e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        Optional<RoutingRule> catchAll = table.rules().stream()
                .filter(r -> r.inputEntries().stream().allMatch(t -> t == null || t.isBlank() || t.trim().equals("-")))
                .findFirst();
        if (!unsupported.isEmpty()) {
            if (catchAll.isPresent()) {
                warnings.add(new PolicyProblem(where, "completeness rests on the catch-all rule '" + catchAll.get().id()
                        + "'; entries the check cannot read were not analysed: " + unsupported));
            } else {
                unsupported.forEach(p -> errors.add(new PolicyProblem(p.where(), p.message()
                        + "; the completeness check cannot read this entry, so rewrite it or add a catch-all rule (every input '-')")));
            }
            return;
        }
        domains = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            int column = d;
            List<Condition> entries = IntStream.range(0, conditions.length).mapToObj(r -> conditions[r][column]).toList();
            domains.add(InputDomain.of(table.inputs().get(d), allowedValues.get(d), entries));
        }
        ruleCells = new BitSet[conditions.length][n];
        for (RoutingRule rule : table.rules()) {
            for (int d = 0; d < n; d++) {
                ruleCells[rule.index()][d] = domains.get(d).match(conditions[rule.index()][d]);
                if (ruleCells[rule.index()][d].isEmpty()) {
                    InputColumn column = table.inputs().get(d);
                    errors.add(new PolicyProblem(ruleWhere(rule, column), "the rule can never match: entry '" + rule.inputEntries().get(d)
                            + "' allows no value inside the column's allowed values " + Optional.ofNullable(column.allowedValues()).orElse("")));
                }
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        BitSet[] everything = new BitSet[n];
        for (int d = 0; d < n; d++) {
            everything[d] = domains.get(d).allowed();
        }
        List<BitSet[]> gaps = new ArrayList<>();
        search(0, everything, allRules(), gaps);
        for (BitSet[] gap : gaps) {
            errors.add(new PolicyProblem(where, "no rule matches " + describe(gap, everything)));
        }
        if ("UNIQUE".equals(table.hitPolicy())) {
            checkOverlaps(everything);
        } else {
            checkReachable();
        }
    }

    private Condition allowedValuesOf(InputColumn column) {
        if (column.allowedValues() == null || column.allowedValues().isBlank()) {
            return null;
        }
        try {
            return UnaryTestParser.parse(column.allowedValues(), column.signal().kind());
        } catch (UnsupportedEntryException e) {
            errors.add(new PolicyProblem(where + " input '" + column.name() + "'", "allowed values not understood: " + e.getMessage()));
            return null;
        }
    }

    private void checkDeclaredTexts(RoutingRule rule, InputColumn column, Condition entry, Condition allowed) {
        if (entry instanceof Condition.Texts texts && allowed instanceof Condition.Texts declared && !declared.negated()) {
            texts.values().stream().filter(v -> !declared.values().contains(v)).sorted().forEach(v -> errors.add(new PolicyProblem(
                    ruleWhere(rule, column), "\"" + v + "\" is not one of the allowed values " + column.allowedValues())));
        }
    }

    /** Depth-first split of the region column by column; candidates are the rules matching the region so far. */
    private void search(int d, BitSet[] region, List<Integer> candidates, List<BitSet[]> gaps) {
        if (gaps.size() >= MAX_GAPS) {
            return;
        }
        if (candidates.isEmpty()) {
            gaps.add(region.clone());
            return;
        }
        if (d == region.length) {
            return;
        }
        for (int rule : candidates) {
            if (coversRest(rule, region, d)) {
                return;
            }
        }
        Map<BitSet, BitSet> cellsByMatchingRules = new LinkedHashMap<>();
        for (int cell = region[d].nextSetBit(0); cell >= 0; cell = region[d].nextSetBit(cell + 1)) {
            BitSet matching = new BitSet();
            for (int rule : candidates) {
                if (ruleCells[rule][d].get(cell)) {
                    matching.set(rule);
                }
            }
            cellsByMatchingRules.computeIfAbsent(matching, k -> new BitSet()).set(cell);
        }
        for (Map.Entry<BitSet, BitSet> group : cellsByMatchingRules.entrySet()) {
            BitSet[] narrowed = region.clone();
            narrowed[d] = group.getValue();
            search(d + 1, narrowed, group.getKey().stream().boxed().toList(), gaps);
        }
    }

    private boolean coversRest(int rule, BitSet[] region, int from) {
        for (int d = from; d < region.length; d++) {
            BitSet uncovered = (BitSet) region[d].clone();
            uncovered.andNot(ruleCells[rule][d]);
            if (!uncovered.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Under FIRST, a rule whose every case an earlier rule already decides is dead weight and usually a mistake. */
    private void checkReachable() {
        for (int i = 1; i < ruleCells.length; i++) {
            List<BitSet[]> open = new ArrayList<>();
            search(0, ruleCells[i].clone(), IntStream.range(0, i).boxed().toList(), open);
            if (open.isEmpty()) {
                RoutingRule rule = table.rules().get(i);
                warnings.add(new PolicyProblem(where + " rule '" + rule.id() + "'",
                        "is never used: rules above it (hit policy FIRST) already decide every case it matches"));
            }
        }
    }

    /** Under UNIQUE, two rules matching the same case make the decision fail at run time. */
    private void checkOverlaps(BitSet[] everything) {
        for (int i = 0; i < ruleCells.length; i++) {
            for (int j = i + 1; j < ruleCells.length; j++) {
                BitSet[] both = new BitSet[everything.length];
                boolean overlap = true;
                for (int d = 0; d < everything.length && overlap; d++) {
                    both[d] = (BitSet) ruleCells[i][d].clone();
                    both[d].and(ruleCells[j][d]);
                    overlap = !both[d].isEmpty();
                }
                if (overlap) {
                    errors.add(new PolicyProblem(where, "rules '" + table.rules().get(i).id() + "' and '" + table.rules().get(j).id()
                            + "' both match " + describe(both, everything) + " (hit policy UNIQUE allows one)"));
                }
            }
        }
    }

    private String describe(BitSet[] region, BitSet[] everything) {
        List<String> parts = IntStream.range(0, region.length)
                .filter(d -> !region[d].equals(everything[d]))
                .mapToObj(d -> domains.get(d).describe(region[d]))
                .collect(Collectors.toList());
        return parts.isEmpty() ? "any input" : String.join(", ", parts);
    }

    private List<Integer> allRules() {
        return IntStream.range(0, ruleCells.length).boxed().toList();
    }

    private String ruleWhere(RoutingRule rule, InputColumn column) {
        return where + " rule '" + rule.id() + "' input '" + column.name() + "'";
    }
}
