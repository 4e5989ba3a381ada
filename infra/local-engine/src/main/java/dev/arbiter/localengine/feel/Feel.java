package dev.arbiter.localengine.feel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * FEEL as Zeebe uses it: an attribute that starts with '=' is an expression, anything else is a
 * static value.
 */
public final class Feel {

  private final FeelEngineApi engine;
  private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();

  public Feel(Supplier<Instant> clock) {
    this.engine =
        FeelEngineBuilder.forJava()
            .withClock(() -> clock.get().atZone(ZoneOffset.UTC))
            .build();
  }

  public static boolean isExpression(String text) {
    return text != null && text.stripLeading().startsWith("=");
  }

  private static String body(String text) {
    return text.stripLeading().substring(1);
  }

  /** The parse error of an expression, if it has one. */
  public Optional<String> parseError(String text) {
    if (!isExpression(text)) {
      return Optional.empty();
    }
    ParseResult result = engine.parseExpression(body(text));
    return result.isSuccess() ? Optional.empty() : Optional.of(result.failure().message());
  }

  /** Evaluates an expression, or returns the static text as a string value. */
  public JsonNode evaluate(String text, Map<String, Object> variables) {
    if (!isExpression(text)) {
      return Values.toJson(text);
    }
    ParsedExpression expression =
        parsed.computeIfAbsent(
            text,
            t -> {
              ParseResult result = engine.parseExpression(body(t));
              if (!result.isSuccess()) {
                throw new FeelException(
                    "failed to parse expression '" + body(t) + "': " + result.failure().message());
              }
              return result.parsedExpression();
            });
    EvaluationResult result = engine.evaluate(expression, variables);
    if (!result.isSuccess()) {
      throw new FeelException(
          "Expected to evaluate expression '" + body(text) + "', but " + result.failure().message());
    }
    return Values.toJson(result.result());
  }

  /** A failure to parse or evaluate an expression; it becomes an incident or a rejection. */
  public static final class FeelException extends RuntimeException {
    public FeelException(String message) {
      super(message);
    }
  }
}
