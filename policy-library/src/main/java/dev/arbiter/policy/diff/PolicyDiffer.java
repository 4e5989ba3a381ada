package dev.arbiter.policy.diff;

import dev.arbiter.policy.CompiledPolicy;
import dev.arbiter.policy.routing.InputColumn;
import dev.arbiter.policy.routing.RoutingRule;
import dev.arbiter.policy.routing.RoutingTable;
import dev.arbiter.policy.routing.Signal;
import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.policy.taxonomy.Taxonomy;
import dev.arbiter.policy.taxonomy.ViolationCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares two compiled policies rule by rule (matched by rule id) and entry by entry. */
public final class PolicyDiffer {

    private PolicyDiffer() {
    }

    public static PolicyDiff diff(String fromLabel, CompiledPolicy from, String toLabel, CompiledPolicy to) {
        RoutingTable before = from.routingTable();
        RoutingTable after = to.routingTable();
        Map<String, RoutingRule> old = byId(before.rules());
        Map<String, RoutingRule> now = byId(after.rules());
        List<String> added = now.keySet().stream().filter(id -> !old.containsKey(id)).toList();
        List<String> removed = old.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        List<RuleChange> changed = new ArrayList<>();
        List<ThresholdChange> thresholds = new ArrayList<>();
        for (RoutingRule newRule : after.rules()) {
            RoutingRule oldRule = old.get(newRule.id());
            if (oldRule == null) {
                continue;
            }
            Map<String, String> oldCells = cells(before, oldRule);
            Map<String, String> newCells = cells(after, newRule);
            List<EntryChange> entries = new ArrayList<>();
            Set<String> columns = new TreeSet<>(oldCells.keySet());
            columns.addAll(newCells.keySet());
            for (String column : ordered(columns, after, before)) {
                String a = oldCells.getOrDefault(column, "-");
                String b = newCells.getOrDefault(column, "-");
                if (!a.equals(b)) {
                    entries.add(new EntryChange(column, a, b));
                    if (Signal.byVariable(column).map(s -> s.kind() == Signal.Kind.NUMBER).orElse(false)) {
                        thresholds.add(new ThresholdChange(newRule.id(), column, a, b));
                    }
                }
            }
            if (!entries.isEmpty()) {
                changed.add(new RuleChange(newRule.id(), entries));
            }
        }
        return new PolicyDiff(fromLabel, toLabel, added, removed, changed, moved(before, after), thresholds,
                taxonomyChanges(from.taxonomy(), to.taxonomy()));
    }

    /** Rules kept in both versions whose position relative to the other kept rules changed. */
    private static List<String> moved(RoutingTable before, RoutingTable after) {
        Set<String> kept = before.rules().stream().map(RoutingRule::id).collect(Collectors.toSet());
        kept.retainAll(after.rules().stream().map(RoutingRule::id).collect(Collectors.toSet()));
        List<String> oldOrder = before.rules().stream().map(RoutingRule::id).filter(kept::contains).toList();
        List<String> newOrder = after.rules().stream().map(RoutingRule::id).filter(kept::contains).toList();
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < newOrder.size(); i++) {
            if (!newOrder.get(i).equals(oldOrder.get(i))) {
                moved.add(newOrder.get(i));
            }
        }
        return moved;
    }

    private static Map<String, String> cells(RoutingTable table, RoutingRule rule) {
        Map<String, String> cells = new LinkedHashMap<>();
        List<InputColumn> inputs = table.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            String entry = rule.inputEntries().get(i);
            cells.put(inputs.get(i).name(), entry.isBlank() ? "-" : entry);
        }
        cells.putAll(rule.outputEntries());
        cells.put("description", rule.description());
        return cells;
    }

    private static List<String> ordered(Set<String> columns, RoutingTable after, RoutingTable before) {
        List<String> order = new ArrayList<>();
        after.inputs().forEach(c -> order.add(c.name()));
        before.inputs().stream().map(InputColumn::name).filter(n -> !order.contains(n)).forEach(order::add);
        order.addAll(after.outputs());
        order.add("description");
        return order.stream().filter(columns::contains).toList();
    }

    private static List<String> taxonomyChanges(Taxonomy from, Taxonomy to) {
        List<String> changes = new ArrayList<>();
        compare("category", byKey(from.categories(), ViolationCategory::id), byKey(to.categories(), ViolationCategory::id), changes);
        compare("reason code", byKey(from.reasonCodes(), ReasonCode::code), byKey(to.reasonCodes(), ReasonCode::code), changes);
        compare("action", byKey(from.actions(), a -> a.id()), byKey(to.actions(), a -> a.id()), changes);
        return changes;
    }

    private static <T> void compare(String kind, Map<String, T> from, Map<String, T> to, List<String> changes) {
        from.keySet().stream().filter(k -> !to.containsKey(k)).forEach(k -> changes.add(kind + " " + k + " removed"));
        to.keySet().stream().filter(k -> !from.containsKey(k)).forEach(k -> changes.add(kind + " " + k + " added"));
        to.forEach((k, v) -> {
            if (from.containsKey(k) && !Objects.equals(from.get(k), v)) {
                changes.add(kind + " " + k + " changed: " + from.get(k) + " -> " + v);
            }
        });
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    private static Map<String, RoutingRule> byId(List<RoutingRule> rules) {
        Map<String, RoutingRule> map = new LinkedHashMap<>();
        rules.forEach(r -> map.put(r.id(), r));
        return map;
    }
}
