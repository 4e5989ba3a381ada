package dev.arbiter.localengine.bpmn;

import java.util.List;
import java.util.Map;

/** One executable flow node with everything the engine needs to run it, read once at deploy time. */
public record Element(
    String id,
    String bpmnType,
    ElementKind kind,
    String scopeId,
    List<Flow> outgoing,
    int incomingCount,
    String defaultFlowId,
    String jobType,
    String jobRetries,
    Map<String, String> headers,
    List<Mapping> inputs,
    List<Mapping> outputs,
    String messageName,
    String correlationKey,
    TimerDefinition timer,
    String errorCode,
    boolean interrupting,
    String attachedToId,
    List<String> boundaryIds,
    String calledProcessId,
    boolean propagateAllChildVariables,
    boolean propagateAllParentVariables,
    String decisionId,
    String resultVariable,
    String innerStartId,
    List<String> eventTargets) {

  /** A sequence flow, built from its sourceRef and targetRef. */
  public record Flow(String id, String sourceId, String targetId, String condition) {}

  /** An input or output mapping: a FEEL source and a target variable (possibly a dotted path). */
  public record Mapping(String source, String target) {}

  public enum TimerKind {
    DURATION,
    DATE,
    CYCLE
  }

  public record TimerDefinition(TimerKind kind, String expression) {}
}
