package dev.arbiter.policy.coverage;

import dev.arbiter.policy.routing.InputColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The values of one input column, cut into finitely many cells such that every entry of every rule
 * matches a cell either entirely or not at all. Numbers: the points at each breakpoint and the open
 * intervals between them. Text: each literal named anywhere, plus "any other value" unless the column
 * declares its allowed values. Booleans: true and false.
 */
final class InputDomain {

    private final InputColumn column;
    private final List<Cell> cells;
    private final BitSet allowed;

    /** One cell: a representative value and, for numbers, the interval it stands for. */
    private record Cell(Object value, Interval span) {
    }

    private static final Object OTHER = new Object();

    private InputDomain(InputColumn column, List<Cell> cells, Condition allowedValues) {
        this.column = column;
        this.cells = cells;
        // match() leaves the set unrestricted while allowed is still null, which is what computing it needs
        this.allowed = allowedValues == null ? all(cells.size()) : match(allowedValues);
    }

    static InputDomain of(InputColumn column, Condition allowedValues, List<Condition> entries) {
        List<Condition> all = new ArrayList<>(entries);
        if (allowedValues != null) {
            all.add(allowedValues);
        }
        return switch (column.signal().kind()) {
            case NUMBER -> new InputDomain(column, numberCells(all), allowedValues);
            case TEXT -> new InputDomain(column, textCells(all), allowedValues);
            case BOOLEAN -> new InputDomain(column, List.of(new Cell(true, null), new Cell(false, null)), allowedValues);
        };
    }

    InputColumn column() {
        return column;
    }

    /** The cells inside the column's allowed values. */
    BitSet allowed() {
        return (BitSet) allowed.clone();
    }

    /** The allowed cells an entry matches. */
    BitSet match(Condition condition) {
        BitSet matched = new BitSet();
        for (int i = 0; i < cells.size(); i++) {
            if (matches(condition, cells.get(i).value())) {
                matched.set(i);
            }
        }
        if (allowed != null) {
            matched.and(allowed);
        }
        return matched;
    }

    /** Human-readable description of a set of cells, e.g. "spam in [0.8..0.85)" or "surface in {"advert"}". */
    String describe(BitSet set) {
        String name = column.name();
        return switch (column.signal().kind()) {
            case BOOLEAN -> name + " = " + cells.get(set.nextSetBit(0)).value();
            case NUMBER -> name + " " + describeNumbers(set);
            case TEXT -> describeTexts(name, set);
        };
    }

    private String describeNumbers(BitSet set) {
        List<String> runs = new ArrayList<>();
        int i = set.nextSetBit(0);
        while (i >= 0) {
            int end = i;
            while (set.get(end + 1)) {
                end++;
            }
            Interval first = cells.get(i).span();
            Interval last = cells.get(end).span();
            runs.add(new Interval(first.low(), first.lowClosed(), last.high(), last.highClosed()).describe());
            i = set.nextSetBit(end + 1);
        }
        String joined = String.join(" or ", runs);
        return runs.size() == 1 && (joined.startsWith("<") || joined.startsWith(">") || joined.startsWith("=")) ? joined : "in " + joined;
    }

    private String describeTexts(String name, BitSet set) {
        boolean other = false;
        List<String> named = new ArrayList<>();
        List<String> notNamed = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Object v = cells.get(i).value();
            if (v == OTHER) {
                other = set.get(i);
            } else if (set.get(i)) {
                named.add("\"" + v + "\"");
            } else if (allowed.get(i)) {
                notNamed.add("\"" + v + "\"");
            }
        }
        if (other) {
            return notNamed.isEmpty() ? name + " = any value" : name + " not in {" + String.join(",", notNamed) + "}";
        }
        return named.size() == 1 ? name + " = " + named.get(0) : name + " in {" + String.join(",", named) + "}";
    }

    private static boolean matches(Condition condition, Object value) {
        if (condition instanceof Condition.Numbers n) {
            return n.negated() != n.intervals().stream().anyMatch(iv -> iv.contains((BigDecimal) value));
        }
        if (condition instanceof Condition.Texts t) {
            return t.negated() != (value != OTHER && t.values().contains((String) value));
        }
        if (condition instanceof Condition.Booleans b) {
            return b.negated() != b.values().contains((Boolean) value);
        }
        return true;
    }

    private static List<Cell> numberCells(List<Condition> conditions) {
        TreeSet<BigDecimal> breaks = new TreeSet<>();
        for (Condition c : conditions) {
            if (c instanceof Condition.Numbers n) {
                for (Interval iv : n.intervals()) {
                    if (iv.low() != null) {
                        breaks.add(iv.low());
                    }
                    if (iv.high() != null) {
                        breaks.add(iv.high());
                    }
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        BigDecimal previous = null;
        for (BigDecimal b : breaks) {
            cells.add(openCell(previous, b));
            cells.add(new Cell(b, Interval.point(b)));
            previous = b;
        }
        cells.add(openCell(previous, null));
        return List.copyOf(cells);
    }

    private static Cell openCell(BigDecimal low, BigDecimal high) {
        BigDecimal representative;
        if (low == null && high == null) {
            representative = BigDecimal.ZERO;
        } else if (low == null) {
            representative = high.subtract(BigDecimal.ONE);
        } else if (high == null) {
            representative = low.add(BigDecimal.ONE);
        } else {
            representative = low.add(high).divide(BigDecimal.valueOf(2), low.scale() + high.scale() + 2, RoundingMode.HALF_EVEN);
        }
        return new Cell(representative, new Interval(low, false, high, false));
    }

    private static List<Cell> textCells(List<Condition> conditions) {
        TreeSet<String> literals = conditions.stream()
                .filter(c -> c instanceof Condition.Texts)
                .flatMap(c -> ((Condition.Texts) c).values().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        List<Cell> cells = new ArrayList<>();
        literals.forEach(l -> cells.add(new Cell(l, null)));
        cells.add(new Cell(OTHER, null));
        return List.copyOf(cells);
    }

    private static BitSet all(int size) {
        BitSet set = new BitSet(size);
        set.set(0, size);
        return set;
    }
}
