package dev.arbiter.policy.coverage;

import dev.arbiter.policy.routing.Signal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses input entries of the forms the routing table uses: "-", comparisons ("&lt; 0.8", "&gt;= 3"),
 * ranges ("[0.3..0.5)"), numbers, string literals, true/false, comma lists of those, and not(...).
 */
final class UnaryTestParser {

    private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(" + NUMBER + ")");
    private static final Pattern RANGE = Pattern.compile("([\\[(])\\s*(" + NUMBER + ")\\s*\\.\\.\\s*(" + NUMBER + ")\\s*([\\])])");
    private static final Pattern POINT = Pattern.compile(NUMBER);
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");

    private UnaryTestParser() {
    }

    static Condition parse(String text, Signal.Kind kind) throws UnsupportedEntryException {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equals("-")) {
            return new Condition.Any();
        }
        boolean negated = false;
        if (t.startsWith("not(") && t.endsWith(")")) {
            negated = true;
            t = t.substring(4, t.length() - 1).trim();
        }
        List<String> items = splitTopLevel(t);
        return switch (kind) {
            case NUMBER -> numbers(items, negated);
            case TEXT -> texts(items, negated);
            case BOOLEAN -> booleans(items, negated);
        };
    }

    private static Condition numbers(List<String> items, boolean negated) throws UnsupportedEntryException {
        List<Interval> intervals = new ArrayList<>();
        for (String item : items) {
            Matcher m;
            if ((m = COMPARISON.matcher(item)).matches()) {
                BigDecimal v = new BigDecimal(m.group(2));
                intervals.add(switch (m.group(1)) {
                    case "<" -> new Interval(null, false, v, false);
                    case "<=" -> new Interval(null, false, v, true);
                    case ">" -> new Interval(v, false, null, false);
                    default -> new Interval(v, true, null, false);
                });
            } else if ((m = RANGE.matcher(item)).matches()) {
                BigDecimal low = new BigDecimal(m.group(2));
                BigDecimal high = new BigDecimal(m.group(3));
                if (low.compareTo(high) > 0) {
                    throw new UnsupportedEntryException("range '" + item + "' has its lower end above its upper end");
                }
                intervals.add(new Interval(low, m.group(1).equals("["), high, m.group(4).equals("]")));
            } else if (POINT.matcher(item).matches()) {
                intervals.add(Interval.point(new BigDecimal(item)));
            } else {
                throw new UnsupportedEntryException("'" + item + "' is not a number, comparison or range");
            }
        }
        return new Condition.Numbers(List.copyOf(intervals), negated);
    }

    private static Condition texts(List<String> items, boolean negated) throws UnsupportedEntryException {
        Set<String> values = new LinkedHashSet<>();
        for (String item : items) {
            Matcher m = STRING.matcher(item);
            if (!m.matches()) {
                throw new UnsupportedEntryException("'" + item + "' is not a string literal in double quotes");
            }
            values.add(m.group(1));
        }
        return new Condition.Texts(Set.copyOf(values), negated);
    }

    private static Condition booleans(List<String> items, boolean negated) throws UnsupportedEntryException {
        Set<Boolean> values = new LinkedHashSet<>();
        for (String item : items) {
            if (!item.equals("true") && !item.equals("false")) {
                throw new UnsupportedEntryException("'" + item + "' is not true or false");
            }
            values.add(Boolean.valueOf(item));
        }
        return new Condition.Booleans(Set.copyOf(values), negated);
    }

    /** Splits on commas that are outside quotes and brackets. */
    private static List<String> splitTopLevel(String text) throws UnsupportedEntryException {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        items.add(text.substring(start).trim());
        if (quoted || depth != 0 || items.stream().anyMatch(String::isEmpty)) {
            throw new UnsupportedEntryException("'" + text + "' has unbalanced quotes or brackets, or an empty item");
        }
        return items;
    }
}
