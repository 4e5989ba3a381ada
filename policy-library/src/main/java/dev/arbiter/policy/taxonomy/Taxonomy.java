package dev.arbiter.policy.taxonomy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Violation categories, reason codes and actions of one policy version, read from taxonomy.json and
 * checked so that every reason code can be turned into a complete DSA statement of reasons.
 */
public final class Taxonomy {

    /** The category of a reason code that states no violation. */
    public static final String NO_CATEGORY = "none";

    private static final String FILE = "taxonomy.json";
    private static final int MAX_LEGAL_GROUND = 500;
    private static final int MAX_EXPLANATION = 2000;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9-]*");
    private static final Pattern KEYWORD = Pattern.compile("KEYWORD_[A-Z_]+");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, ViolationCategory> categories;
    private final Map<String, ReasonCode> reasonCodes;
    private final Map<String, ModerationAction> actions;

    private Taxonomy(Document document) {
        this.categories = index(document.categories(), ViolationCategory::id);
        this.reasonCodes = index(document.reasonCodes(), ReasonCode::code);
        this.actions = index(document.actions(), ModerationAction::id);
    }

    private record Document(List<ViolationCategory> categories, List<ModerationAction> actions, List<ReasonCode> reasonCodes) {
    }

    /** Reads and validates a taxonomy; throws {@link PolicyValidationException} listing every problem. */
    public static Taxonomy parse(String json) {
        Document document;
        try {
            document = JSON.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new PolicyValidationException(List.of(new PolicyProblem(FILE, "not valid taxonomy JSON: " + e.getOriginalMessage())));
        }
        List<PolicyProblem> problems = validate(document);
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        return new Taxonomy(document);
    }

    public List<ViolationCategory> categories() {
        return List.copyOf(categories.values());
    }

    public List<ReasonCode> reasonCodes() {
        return List.copyOf(reasonCodes.values());
    }

    public List<ModerationAction> actions() {
        return List.copyOf(actions.values());
    }

    public Optional<ViolationCategory> category(String id) {
        return Optional.ofNullable(categories.get(id));
    }

    public Optional<ReasonCode> reasonCode(String code) {
        return Optional.ofNullable(reasonCodes.get(code));
    }

    public Optional<ModerationAction> action(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    /** The DSA fields for a decision taken with this reason code; empty when the code states no violation. */
    public Optional<DsaClassification> dsaClassification(String code) {
        ReasonCode reason = reasonCode(code).orElseThrow(() -> new IllegalArgumentException("unknown reason code " + code));
        ModerationAction action = actions.get(reason.action());
        ViolationCategory category = categories.get(reason.category());
        if (category == null || !action.restricts()) {
            return Optional.empty();
        }
        return Optional.of(new DsaClassification(reason.code(), category.dsaCategory(), category.dsaKeyword(), category.ground(),
                category.groundText(), action.decisionVisibility(), action.decisionAccount(), reason.noticeText()));
    }

    private static List<PolicyProblem> validate(Document doc) {
        List<PolicyProblem> problems = new ArrayList<>();
        if (doc.categories() == null || doc.actions() == null || doc.reasonCodes() == null) {
            problems.add(new PolicyProblem(FILE, "needs the three lists categories, actions and reasonCodes"));
            return problems;
        }
        Map<String, ViolationCategory> categories = new LinkedHashMap<>();
        for (ViolationCategory c : doc.categories()) {
            String where = FILE + " category '" + c.id() + "'";
            if (c.id() == null || !ID.matcher(c.id()).matches() || NO_CATEGORY.equals(c.id())) {
                problems.add(new PolicyProblem(where, "id must be lower_snake_case and not the reserved word 'none'"));
            } else if (categories.putIfAbsent(c.id(), c) != null) {
                problems.add(new PolicyProblem(where, "is defined twice"));
            }
            if (blank(c.name()) || c.severity() == null || c.dsaCategory() == null || c.ground() == null) {
                problems.add(new PolicyProblem(where, "needs name, severity, dsaCategory and ground"));
            }
            if (blank(c.groundText())) {
                problems.add(new PolicyProblem(where, "needs groundText: the law (illegal content) or terms-of-service clause it relies on"));
            } else if (c.ground() == DecisionGround.ILLEGAL_CONTENT && c.groundText().length() > MAX_LEGAL_GROUND) {
                problems.add(new PolicyProblem(where, "groundText exceeds the DSA limit of " + MAX_LEGAL_GROUND + " characters"));
            }
            if (c.dsaKeyword() != null && !KEYWORD.matcher(c.dsaKeyword()).matches()) {
                problems.add(new PolicyProblem(where, "dsaKeyword '" + c.dsaKeyword() + "' is not a DSA KEYWORD_ value"));
            }
        }
        Map<String, ModerationAction> actions = new LinkedHashMap<>();
        for (ModerationAction a : doc.actions()) {
            String where = FILE + " action '" + a.id() + "'";
            if (a.id() == null || !ID.matcher(a.id()).matches()) {
                problems.add(new PolicyProblem(where, "id must be lower_snake_case"));
            } else if (actions.putIfAbsent(a.id(), a) != null) {
                problems.add(new PolicyProblem(where, "is defined twice"));
            }
        }
        ModerationAction allow = actions.get("allow");
        if (allow == null) {
            problems.add(new PolicyProblem(FILE, "needs the action 'allow'"));
        } else if (allow.restricts()) {
            problems.add(new PolicyProblem(FILE + " action 'allow'", "must not carry a DSA restriction"));
        }
        Map<String, ReasonCode> codes = new LinkedHashMap<>();
        for (ReasonCode r : doc.reasonCodes()) {
            String where = FILE + " reason code '" + r.code() + "'";
            if (r.code() == null || !CODE.matcher(r.code()).matches()) {
                problems.add(new PolicyProblem(where, "code must be UPPER-CASE letters, digits and dashes"));
            } else if (codes.putIfAbsent(r.code(), r) != null) {
                problems.add(new PolicyProblem(where, "is defined twice"));
            }
            if (blank(r.noticeText())) {
                problems.add(new PolicyProblem(where, "needs noticeText, the explanation the user reads"));
            } else if (r.noticeText().length() > MAX_EXPLANATION) {
                problems.add(new PolicyProblem(where, "noticeText exceeds the DSA explanation limit of " + MAX_EXPLANATION + " characters"));
            }
            ModerationAction action = actions.get(r.action());
            if (action == null) {
                problems.add(new PolicyProblem(where, "action '" + r.action() + "' is not defined; known: " + actions.keySet()));
            }
            boolean noViolation = NO_CATEGORY.equals(r.category());
            if (!noViolation && !categories.containsKey(r.category())) {
                problems.add(new PolicyProblem(where, "category '" + r.category() + "' is not defined; known: " + categories.keySet() + " or 'none'"));
            }
            if (action != null && noViolation && action.restricts()) {
                problems.add(new PolicyProblem(where, "restricts content (" + r.action() + ") but names no violation category"));
            }
            if (action != null && !noViolation && !action.restricts()) {
                problems.add(new PolicyProblem(where, "names category '" + r.category() + "' but its action '" + r.action() + "' restricts nothing"));
            }
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return Collections.unmodifiableMap(map);
    }
}
