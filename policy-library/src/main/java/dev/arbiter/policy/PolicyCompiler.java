package dev.arbiter.policy;

import dev.arbiter.policy.coverage.CoverageAnalysis;
import dev.arbiter.policy.coverage.CoverageReport;
import dev.arbiter.policy.routing.InputColumn;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingRule;
import dev.arbiter.policy.routing.RoutingTable;
import dev.arbiter.policy.routing.RoutingTableReader;
import dev.arbiter.policy.routing.Signal;
import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.policy.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import scala.util.Either;

/**
 * Turns a {@link PolicyBundle} into a {@link CompiledPolicy} or refuses it with every problem named:
 * taxonomy errors, DMN that dmn-scala cannot parse, a table of the wrong shape, output values that are
 * not literals or not in the taxonomy, and input combinations no rule decides. Compiled policies are
 * cached by content hash, so each version is parsed once.
 */
public final class PolicyCompiler {

    private static final int CACHE_SIZE = 64;
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern QUEUE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final DmnEngine engine = new DmnEngine.Builder().build();
    private final Map<String, CompiledPolicy> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public CompiledPolicy compile(PolicyBundle bundle) {
        return compile(bundle, bundle.contentHash());
    }

    /** For content whose hash is already stored with it, which spares hashing on every evaluation. */
    CompiledPolicy compile(PolicyBundle bundle, String hash) {
        synchronized (cache) {
            CompiledPolicy cached = cache.get(hash);
            if (cached != null) {
                return cached;
            }
        }
        CompiledPolicy compiled = compileUncached(bundle, hash);
        synchronized (cache) {
            cache.put(hash, compiled);
        }
        return compiled;
    }

    private CompiledPolicy compileUncached(PolicyBundle bundle, String hash) {
        List<PolicyProblem> problems = new ArrayList<>();
        Taxonomy taxonomy = null;
        try {
            taxonomy = Taxonomy.parse(bundle.taxonomyJson());
        } catch (PolicyValidationException e) {
            problems.addAll(e.problems());
        }
        ParsedDmn dmn = parseDmn(bundle.routingDmn(), problems);
        if (dmn == null) {
            throw new PolicyValidationException(problems);
        }
        Optional<RoutingTable> table = RoutingTableReader.read(dmn.model(), problems);
        if (table.isEmpty() || taxonomy == null) {
            throw new PolicyValidationException(problems);
        }
        for (RoutingRule rule : table.get().rules()) {
            checkOutputs(rule, taxonomy, problems);
        }
        CoverageReport coverage = CoverageAnalysis.analyse(table.get());
        problems.addAll(coverage.errors());
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        return new CompiledPolicy(bundle, hash, taxonomy, table.get(), coverage.warnings(), declaredTexts(table.get()), engine, dmn);
    }

    private ParsedDmn parseDmn(String xml, List<PolicyProblem> problems) {
        try {
            Either<DmnEngine.Failure, ParsedDmn> parsed = engine.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            if (parsed.isLeft()) {
                problems.add(new PolicyProblem("routing.dmn", parsed.left().get().message()));
                return null;
            }
            return parsed.right().get();
        } catch (RuntimeException e) {
            problems.add(new PolicyProblem("routing.dmn", "is not a readable DMN model: " + e.getMessage()));
            return null;
        }
    }

    private static void checkOutputs(RoutingRule rule, Taxonomy taxonomy, List<PolicyProblem> problems) {
        String where = "decision '" + RoutingTableReader.DECISION_ID + "' rule '" + rule.id() + "'";
        Map<String, String> out = rule.outputEntries();
        Optional<String> route = string(out.get("route"));
        if (route.isEmpty() || Route.fromValue(route.get()).isEmpty()) {
            problems.add(new PolicyProblem(where + " output 'route'", "'" + out.get("route") + "' must be one of "
                    + Arrays.stream(Route.values()).map(r -> "\"" + r.value() + "\"").toList()));
        }
        Optional<String> queue = string(out.get("queue"));
        if (queue.isEmpty() || !QUEUE.matcher(queue.get()).matches()) {
            problems.add(new PolicyProblem(where + " output 'queue'", "'" + out.get("queue") + "' must be a quoted queue name of lower-case letters, digits and dashes"));
        }
        Optional<BigDecimal> priority = number(out.get("priority"));
        if (priority.isEmpty() || priority.get().stripTrailingZeros().scale() > 0 || priority.get().intValue() < 1 || priority.get().intValue() > 5) {
            problems.add(new PolicyProblem(where + " output 'priority'", "'" + out.get("priority") + "' must be a whole number from 1 (most urgent) to 5"));
        }
        Optional<String> sla = string(out.get("sla"));
        if (sla.isEmpty() || !positiveDuration(sla.get())) {
            problems.add(new PolicyProblem(where + " output 'sla'", "'" + out.get("sla") + "' must be a quoted ISO 8601 duration such as \"PT4H\" or \"P2D\""));
        }
        String fourEyes = out.get("fourEyes");
        if (!"true".equals(fourEyes) && !"false".equals(fourEyes)) {
            problems.add(new PolicyProblem(where + " output 'fourEyes'", "'" + fourEyes + "' must be true or false"));
        }
        Optional<BigDecimal> rate = number(out.get("blindAuditRate"));
        if (rate.isEmpty() || rate.get().signum() < 0 || rate.get().compareTo(BigDecimal.ONE) > 0) {
            problems.add(new PolicyProblem(where + " output 'blindAuditRate'", "'" + out.get("blindAuditRate") + "' must be a number from 0 to 1"));
        }
        Optional<ReasonCode> reason = string(out.get("reasonCode")).flatMap(taxonomy::reasonCode);
        if (reason.isEmpty()) {
            problems.add(new PolicyProblem(where + " output 'reasonCode'", "'" + out.get("reasonCode") + "' is not a reason code of the taxonomy; known: "
                    + taxonomy.reasonCodes().stream().map(ReasonCode::code).toList()));
        }
        Optional<String> category = string(out.get("category"));
        if (category.isEmpty() || (!Taxonomy.NO_CATEGORY.equals(category.get()) && taxonomy.category(category.get()).isEmpty())) {
            problems.add(new PolicyProblem(where + " output 'category'", "'" + out.get("category") + "' is not a taxonomy category or \"none\""));
        } else if (reason.isPresent() && !reason.get().category().equals(category.get())) {
            problems.add(new PolicyProblem(where + " output 'category'", "'" + category.get() + "' differs from the category '"
                    + reason.get().category() + "' of reason code " + reason.get().code()));
        }
        if (reason.isPresent() && route.isPresent()) {
            boolean restricts = taxonomy.action(reason.get().action()).orElseThrow().restricts();
            if (route.get().equals(Route.REMOVE.value()) && !restricts) {
                problems.add(new PolicyProblem(where, "route \"remove\" needs a reason code whose action restricts content; "
                        + reason.get().code() + " leads to '" + reason.get().action() + "'"));
            }
            if (route.get().equals(Route.ALLOW.value()) && restricts) {
                problems.add(new PolicyProblem(where, "route \"allow\" cannot give reason code " + reason.get().code() + ", which leads to '"
                        + reason.get().action() + "'"));
            }
        }
    }

    private static Map<Signal, Set<String>> declaredTexts(RoutingTable table) {
        Map<Signal, Set<String>> declared = new EnumMap<>(Signal.class);
        for (InputColumn column : table.inputs()) {
            if (column.signal().kind() == Signal.Kind.TEXT && column.allowedValues() != null && !column.allowedValues().isBlank()
                    && !column.allowedValues().trim().startsWith("not(")) {
                Matcher m = STRING.matcher(column.allowedValues());
                Set<String> values = m.results().map(r -> r.group(1)).collect(Collectors.toUnmodifiableSet());
                declared.put(column.signal(), values);
            }
        }
        return declared;
    }

    private static Optional<String> string(String literal) {
        Matcher m = STRING.matcher(literal == null ? "" : literal.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<BigDecimal> number(String literal) {
        try {
            return Optional.of(new BigDecimal(literal == null ? "" : literal.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean positiveDuration(String text) {
        try {
            Duration d = Duration.parse(text);
            return !d.isNegative() && !d.isZero();
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
