package dev.arbiter.service.security;

import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every /api endpoint of the running application, with the roles it declares and an example
 * request per caller. The access tests iterate over it, so a new endpoint joins them without
 * editing them; a path variable without an example value below makes them fail.
 */
final class EndpointInventory {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

  /** An id no item has. */
  static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

  /**
   * What an admitted caller gets when success needs data an example request cannot create: past
   * the role gate, the endpoint's own data check answers. Every other endpoint must answer 2xx.
   */
  private static final Map<String, Integer> ADMITTED_ANSWER =
      Map.ofEntries(
          Map.entry("POST /api/v1/queue-items/{id}/release", 409),
          Map.entry("POST /api/v1/queue-items/{id}/escalate [application/json]", 409),
          Map.entry("POST /api/v1/queue-items/{id}/reassign [application/json]", 404),
          Map.entry("GET /api/v1/queue-items/{id}", 404),
          Map.entry("GET /api/v1/queue-items/{id}/parts/{position}", 404),
          Map.entry("POST /api/v1/reviews/{id}/decision [application/json]", 404),
          // The policy API: an example request has no body or parameters, and no draft has the unknown id.
          Map.entry("GET /api/v1/policy/diff", 400),
          Map.entry("POST /api/v1/policy/drafts", 400),
          Map.entry("GET /api/v1/policy/drafts/{id}", 404),
          Map.entry("POST /api/v1/policy/drafts/{id}/approve", 404),
          Map.entry("POST /api/v1/policy/drafts/{id}/reject", 400),
          Map.entry("POST /api/v1/policy/drafts/{id}/shadow", 400),
          Map.entry("POST /api/v1/policy/rollback", 400));

  /**
   * @param method the HTTP method, null when the mapping accepts any method
   * @param pattern the mapped path pattern
   * @param roles the roles of its {@code @RolesAllowed}, empty when it declares none
   * @param handler the controller method
   * @param consumes the one media type the mapping reads, null when it reads no body or any
   */
  record Endpoint(RequestMethod method, String pattern, Set<String> roles, Method handler, String consumes) {

    /** The path {@code caller} requests: variables take the values of the caller's demo data. */
    String examplePath(DemoIdentity caller) {
      Matcher variables = VARIABLE.matcher(pattern);
      StringBuilder path = new StringBuilder();
      while (variables.find()) {
        variables.appendReplacement(path, Matcher.quoteReplacement(value(variables.group(1), caller)));
      }
      return variables.appendTail(path).toString();
    }

    /** The body an admitted caller sends: without it a mapping that consumes a body answers 415. */
    Optional<ExampleBodies.Body> exampleBody() {
      return consumes == null ? Optional.empty() : Optional.of(ExampleBodies.of(this));
    }

    /** The status an admitted caller expects, or empty for any 2xx. */
    Optional<Integer> admittedAnswer() {
      return Optional.ofNullable(ADMITTED_ANSWER.get(toString()));
    }

    private String value(String variable, DemoIdentity caller) {
      return switch (variable) {
        case "queue" -> caller.homeQueue();
        case "id" -> UNKNOWN_ID;
        case "n" -> "1";
        case "position" -> "0";
        default ->
            throw new IllegalStateException(
                "No example value for {" + variable + "} of " + this
                    + ": add one to EndpointInventory.Endpoint.value");
      };
    }

    @Override
    public String toString() {
      return (method == null ? "ANY" : method) + " " + pattern + (consumes == null ? "" : " [" + consumes + "]");
    }
  }

  private EndpointInventory() {}

  static List<Endpoint> apiEndpoints(RequestMappingHandlerMapping mapping) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mapping.getHandlerMethods().entrySet()) {
      HandlerMethod handler = entry.getValue();
      Set<String> roles = declaredRoles(handler);
      Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
      Set<org.springframework.http.MediaType> consumable = entry.getKey().getConsumesCondition().getConsumableMediaTypes();
      String consumes = consumable.size() == 1 ? consumable.iterator().next().toString() : null;
      for (String pattern : entry.getKey().getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        if (methods.isEmpty()) {
          endpoints.add(new Endpoint(null, pattern, roles, handler.getMethod(), consumes));
        }
        for (RequestMethod method : methods) {
          endpoints.add(new Endpoint(method, pattern, roles, handler.getMethod(), consumes));
        }
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::toString));
    return endpoints;
  }

  private static Set<String> declaredRoles(HandlerMethod handler) {
    RolesAllowed declared =
        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class);
    if (declared == null) {
      declared = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RolesAllowed.class);
    }
    return declared == null ? Set.of() : Set.of(declared.value());
  }
}
