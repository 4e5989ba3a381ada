package dev.arbiter.localengine.dmn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.localengine.feel.Values;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.util.Either;

/** DMN parsing and evaluation with the dmn-scala engine, the one Zeebe embeds. */
public final class DecisionEngine {

  private static final ValueMapper VALUES = ValueMapper.defaultValueMapper();

  private final DmnEngine engine =
      new DmnEngine(
          DmnEngine.$lessinit$greater$default$1(),
          DmnEngine.$lessinit$greater$default$2(),
          DmnEngine.$lessinit$greater$default$3());

  /** The decision requirements graph of a DMN resource and its decisions. */
  public record ParsedResource(String id, String name, List<DecisionInfo> decisions, ParsedDmn parsed) {}

  public record DecisionInfo(String id, String name) {}

  /** The outcome of one evaluation: the output, or the failure with the decision that failed. */
  public record Evaluation(
      JsonNode output, List<EvaluatedDecision> evaluated, String failedDecisionId, String failureMessage) {
    public boolean failed() {
      return failureMessage != null;
    }
  }

  public record EvaluatedDecision(String id, String name, String type, JsonNode output) {}

  public ParsedResource parse(String resourceName, byte[] content) {
    Either<DmnEngine.Failure, ParsedDmn> result = engine.parse(new ByteArrayInputStream(content));
    if (result.isLeft()) {
      throw new IllegalArgumentException(
          "'" + resourceName + "': failed to parse the DMN: " + result.left().get().message());
    }
    ParsedDmn parsed = result.toOption().get();
    DmnModelInstance model = parsed.model();
    List<DecisionInfo> decisions = new ArrayList<>();
    scala.collection.Iterator<ParsedDecision> it = parsed.decisions().iterator();
    while (it.hasNext()) {
      ParsedDecision decision = it.next();
      decisions.add(new DecisionInfo(decision.id(), decision.name()));
    }
    if (decisions.isEmpty()) {
      throw new IllegalArgumentException("'" + resourceName + "': a DMN resource must contain a decision");
    }
    return new ParsedResource(
        model.getDefinitions().getId(), model.getDefinitions().getName(), List.copyOf(decisions), parsed);
  }

  public Evaluation evaluate(ParsedDmn dmn, String decisionId, Map<String, Object> variables) {
    var result = engine.eval(dmn, decisionId, variables);
    if (result.isLeft()) {
      DmnEngine.EvalFailure failure = result.left().get();
      List<EvaluatedDecision> evaluated = evaluated(failure.auditLog());
      String failed = evaluated.isEmpty() ? decisionId : evaluated.get(evaluated.size() - 1).id();
      return new Evaluation(null, evaluated, failed, failure.failure().message());
    }
    DmnEngine.EvalResult ok = result.toOption().get();
    return new Evaluation(Values.toJson(ok.value()), evaluated(ok.auditLog()), null, null);
  }

  private static List<EvaluatedDecision> evaluated(Audit.AuditLog log) {
    List<EvaluatedDecision> decisions = new ArrayList<>();
    if (log == null) {
      return decisions;
    }
    scala.collection.Iterator<Audit.AuditLogEntry> it = log.entries().iterator();
    while (it.hasNext()) {
      Audit.AuditLogEntry entry = it.next();
      String type = entry.decisionLogic().getClass().getSimpleName().contains("DecisionTable")
          ? "DECISION_TABLE" : "LITERAL_EXPRESSION";
      decisions.add(new EvaluatedDecision(entry.id(), entry.name(), type, Values.toJson(VALUES.unpackVal(entry.result().result()))));
    }
    return decisions;
  }
}
