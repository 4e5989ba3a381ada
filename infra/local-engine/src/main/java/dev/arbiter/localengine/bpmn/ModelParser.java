package dev.arbiter.localengine.bpmn;

import dev.arbiter.localengine.bpmn.Element.Flow;
import dev.arbiter.localengine.bpmn.Element.Mapping;
import dev.arbiter.localengine.bpmn.Element.TimerDefinition;
import dev.arbiter.localengine.bpmn.Element.TimerKind;
import dev.arbiter.localengine.feel.Feel;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Reads BPMN with the Zeebe model API and turns each executable process into a {@link
 * ProcessModel}, refusing what the engine cannot run.
 */
public final class ModelParser {

  private final Feel feel;

  public ModelParser(Feel feel) {
    this.feel = feel;
  }

  /** Parses a resource; throws {@link InvalidModelException} naming every problem found. */
  public List<ProcessModel> parse(String resourceName, byte[] content) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      throw new InvalidModelException(
          "'" + resourceName + "': failed to parse the BPMN XML: " + rootMessage(e));
    }
    List<String> problems = new ArrayList<>();
    List<ProcessModel> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(parseProcess(process, model, problems));
      }
    }
    if (processes.isEmpty()) {
      problems.add("Must contain at least one executable process");
    }
    if (!problems.isEmpty()) {
      throw new InvalidModelException("'" + resourceName + "':\n" + String.join("\n", problems));
    }
    return processes;
  }

  private ProcessModel parseProcess(Process process, BpmnModelInstance model, List<String> problems) {
    Map<String, List<Flow>> outgoing = new LinkedHashMap<>();
    Map<String, Integer> incoming = new LinkedHashMap<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (processOf(flow) != process) {
        continue;
      }
      if (flow.getSource() == null || flow.getTarget() == null) {
        problems.add(problem(flow.getId(), "sequenceFlow", "sourceRef and targetRef are required"));
        continue;
      }
      String condition =
          flow.getConditionExpression() == null ? null : flow.getConditionExpression().getTextContent();
      if (condition != null && !condition.isBlank()) {
        checkExpression(flow.getId(), "sequenceFlow", condition, problems);
        if (!Feel.isExpression(condition)) {
          problems.add(problem(flow.getId(), "sequenceFlow", "a condition must be a FEEL expression starting with '='"));
        }
      } else {
        condition = null;
      }
      outgoing
          .computeIfAbsent(flow.getSource().getId(), k -> new ArrayList<>())
          .add(new Flow(flow.getId(), flow.getSource().getId(), flow.getTarget().getId(), condition));
      incoming.merge(flow.getTarget().getId(), 1, Integer::sum);
    }

    Map<String, Element> elements = new LinkedHashMap<>();
    Map<String, List<String>> boundariesByActivity = new LinkedHashMap<>();
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      if (processOf(boundary) == process && boundary.getAttachedTo() != null) {
        boundariesByActivity
            .computeIfAbsent(boundary.getAttachedTo().getId(), k -> new ArrayList<>())
            .add(boundary.getId());
      }
    }
    String noneStart = null;
    List<String> messageStarts = new ArrayList<>();
    List<String> timerStarts = new ArrayList<>();
    Map<String, String> innerStarts = new LinkedHashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (processOf(node) != process) {
        continue;
      }
      Element element =
          parseNode(
              node,
              outgoing.getOrDefault(node.getId(), List.of()),
              incoming.getOrDefault(node.getId(), 0),
              boundariesByActivity.getOrDefault(node.getId(), List.of()),
              problems);
      if (element == null) {
        continue;
      }
      elements.put(element.id(), element);
      if (element.kind().isStart()) {
        boolean topLevel = element.scopeId().equals(process.getId());
        if (!topLevel && element.kind() != ElementKind.NONE_START) {
          problems.add(problem(element.id(), element.bpmnType(), "an embedded sub-process must have a none start event"));
        } else if (element.kind() == ElementKind.NONE_START) {
          if (topLevel) {
            noneStart = element.id();
          } else if (innerStarts.putIfAbsent(element.scopeId(), element.id()) != null) {
            problems.add(problem(element.scopeId(), "subProcess", "must have exactly one none start event"));
          }
        } else if (element.kind() == ElementKind.MESSAGE_START) {
          messageStarts.add(element.id());
        } else {
          timerStarts.add(element.id());
        }
      }
    }
    // Sub-processes learn their start event and event-based gateways their targets once every node is known.
    Map<String, Element> linked = new LinkedHashMap<>();
    for (Element e : elements.values()) {
      Element result = e;
      if (e.kind() == ElementKind.SUB_PROCESS) {
        String start = innerStarts.get(e.id());
        if (start == null) {
          problems.add(problem(e.id(), e.bpmnType(), "must have exactly one none start event"));
        }
        result = withInnerStart(e, start);
      } else if (e.kind() == ElementKind.EVENT_GATEWAY) {
        List<String> targets = new ArrayList<>();
        for (Flow flow : e.outgoing()) {
          Element target = elements.get(flow.targetId());
          if (target == null
              || (target.kind() != ElementKind.MESSAGE_CATCH && target.kind() != ElementKind.TIMER_CATCH)) {
            problems.add(problem(e.id(), e.bpmnType(), "an event-based gateway must be followed by intermediate message or timer catch events"));
          } else {
            targets.add(target.id());
          }
        }
        if (targets.size() < 2) {
          problems.add(problem(e.id(), e.bpmnType(), "an event-based gateway must have at least two outgoing sequence flows"));
        }
        result = withEventTargets(e, targets);
      }
      linked.put(result.id(), result);
    }
    if (noneStart == null && messageStarts.isEmpty() && timerStarts.isEmpty()) {
      problems.add(problem(process.getId(), "process", "must have at least one start event"));
    }
    return new ProcessModel(process.getId(), Map.copyOf(linked), noneStart, List.copyOf(messageStarts), List.copyOf(timerStarts));
  }

  private Element parseNode(
      FlowNode node, List<Flow> outgoing, int incoming, List<String> boundaries, List<String> problems) {
    String id = node.getId();
    String type = node.getElementType().getTypeName();
    List<String> local = new ArrayList<>();
    ElementKind kind = kindOf(node, local);
    if (kind == null) {
      problems.add(problem(id, type, local.isEmpty()
          ? "elements of type '" + type + "' are not supported by the local engine"
          : local.get(0)));
      return null;
    }
    if (node instanceof Activity activity && activity.getLoopCharacteristics() != null) {
      problems.add(problem(id, type, "multi-instance and loop characteristics are not supported by the local engine"));
    }
    String jobType = null;
    String retries = null;
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskDefinition task = extension(node, ZeebeTaskDefinition.class);
    if (kind == ElementKind.JOB_TASK) {
      if (task == null || task.getType() == null || task.getType().isBlank()) {
        local.add("must have a task definition with a job type (zeebe:taskDefinition type)");
      } else {
        jobType = task.getType();
        retries = task.getRetries() == null ? "3" : task.getRetries();
      }
      ZeebeTaskHeaders taskHeaders = extension(node, ZeebeTaskHeaders.class);
      if (taskHeaders != null) {
        taskHeaders.getHeaders().forEach(h -> headers.put(h.getKey(), h.getValue()));
      }
    }
    List<Mapping> inputs = new ArrayList<>();
    List<Mapping> outputs = new ArrayList<>();
    ZeebeIoMapping io = extension(node, ZeebeIoMapping.class);
    if (io != null) {
      io.getInputs().forEach(m -> inputs.add(new Mapping(m.getSource(), m.getTarget())));
      io.getOutputs().forEach(m -> outputs.add(new Mapping(m.getSource(), m.getTarget())));
    }
    for (Mapping m : concat(inputs, outputs)) {
      if (m.target() == null || m.target().isBlank()) {
        local.add("a variable mapping must have a target");
      }
      checkExpression(id, type, m.source(), problems);
    }

    String messageName = null;
    String correlationKey = null;
    TimerDefinition timer = null;
    String errorCode = null;
    EventDefinition definition = eventDefinition(node);
    if (definition instanceof MessageEventDefinition message) {
      if (message.getMessage() == null || message.getMessage().getName() == null || message.getMessage().getName().isBlank()) {
        local.add("must reference a message with a name");
      } else {
        messageName = message.getMessage().getName();
      }
    } else if (definition instanceof TimerEventDefinition timerDefinition) {
      timer = timerOf(timerDefinition, local);
    } else if (definition instanceof ErrorEventDefinition error && error.getError() != null) {
      errorCode = error.getError().getErrorCode();
    }
    if (kind == ElementKind.RECEIVE_TASK) {
      ReceiveTask receive = (ReceiveTask) node;
      if (receive.getMessage() == null || receive.getMessage().getName() == null) {
        local.add("must reference a message with a name");
      } else {
        messageName = receive.getMessage().getName();
      }
    }
    if (messageName != null) {
      checkExpression(id, type, messageName, problems);
      ModelElementInstance messageElement =
          node instanceof ReceiveTask r ? r.getMessage() : ((MessageEventDefinition) definition).getMessage();
      ZeebeSubscription subscription = extension(messageElement, ZeebeSubscription.class);
      if (subscription != null) {
        correlationKey = subscription.getCorrelationKey();
      }
      if (kind != ElementKind.MESSAGE_START && (correlationKey == null || correlationKey.isBlank())) {
        local.add("must have a correlation key (zeebe:subscription correlationKey)");
      }
      checkExpression(id, type, correlationKey, problems);
    }
    if (kind == ElementKind.ERROR_END && errorCode == null) {
      local.add("an error end event must reference an error with an error code");
    }
    if (timer != null) {
      checkExpression(id, type, timer.expression(), problems);
    }

    String calledProcessId = null;
    boolean propagateChild = true;
    boolean propagateParent = true;
    if (kind == ElementKind.CALL_ACTIVITY) {
      ZeebeCalledElement called = extension(node, ZeebeCalledElement.class);
      if (called == null || called.getProcessId() == null || called.getProcessId().isBlank()) {
        local.add("must have a called element with a process id (zeebe:calledElement processId)");
      } else {
        calledProcessId = called.getProcessId();
        propagateChild = called.isPropagateAllChildVariablesEnabled();
        propagateParent = called.isPropagateAllParentVariablesEnabled();
        checkExpression(id, type, calledProcessId, problems);
      }
    }
    String decisionId = null;
    String resultVariable = null;
    if (kind == ElementKind.DECISION_TASK) {
      ZeebeCalledDecision decision = extension(node, ZeebeCalledDecision.class);
      decisionId = decision.getDecisionId();
      resultVariable = decision.getResultVariable();
      if (decisionId == null || decisionId.isBlank() || resultVariable == null || resultVariable.isBlank()) {
        local.add("a called decision must have a decisionId and a resultVariable");
      }
      checkExpression(id, type, decisionId, problems);
    }
    if (jobType != null) {
      checkExpression(id, type, jobType, problems);
      checkExpression(id, type, retries, problems);
    }
    String defaultFlow = null;
    if (node instanceof ExclusiveGateway gateway && gateway.getDefault() != null) {
      defaultFlow = gateway.getDefault().getId();
    }
    boolean interrupting = true;
    String attachedTo = null;
    if (node instanceof BoundaryEvent boundary) {
      interrupting = boundary.cancelActivity();
      attachedTo = boundary.getAttachedTo() == null ? null : boundary.getAttachedTo().getId();
      if (attachedTo == null) {
        local.add("a boundary event must be attached to an activity");
      }
      if (kind == ElementKind.ERROR_BOUNDARY && !interrupting) {
        local.add("an error boundary event must be interrupting");
      }
    }
    if (node instanceof StartEvent start && !start.isInterrupting()) {
      local.add("non-interrupting start events belong to event sub-processes, which are not supported");
    }
    if (kind == ElementKind.EXCLUSIVE_GATEWAY && outgoing.size() > 1) {
      for (Flow flow : outgoing) {
        if (flow.condition() == null && !flow.id().equals(defaultFlow)) {
          local.add("sequence flow '" + flow.id() + "' leaving an exclusive gateway needs a condition or must be the default flow");
        }
      }
    }
    for (String message : local) {
      problems.add(problem(id, type, message));
    }
    return new Element(
        id, type, kind, scopeOf(node), List.copyOf(outgoing), incoming, defaultFlow,
        jobType, retries, Map.copyOf(headers), List.copyOf(inputs), List.copyOf(outputs),
        messageName, correlationKey, timer, errorCode, interrupting, attachedTo, List.copyOf(boundaries),
        calledProcessId, propagateChild, propagateParent, decisionId, resultVariable, null, List.of());
  }

  private static ElementKind kindOf(FlowNode node, List<String> reason) {
    EventDefinition definition = eventDefinition(node);
    int definitions = node instanceof Event event ? eventDefinitions(event).size() : 0;
    if (definitions > 1) {
      reason.add("events with more than one event definition are not supported by the local engine");
      return null;
    }
    if (node instanceof StartEvent) {
      if (node.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent()) {
        reason.add("event sub-processes are not supported by the local engine");
        return null;
      }
      if (definition == null) return ElementKind.NONE_START;
      if (definition instanceof MessageEventDefinition) return ElementKind.MESSAGE_START;
      if (definition instanceof TimerEventDefinition) return ElementKind.TIMER_START;
    } else if (node instanceof EndEvent) {
      if (definition == null) return ElementKind.NONE_END;
      if (definition instanceof ErrorEventDefinition) return ElementKind.ERROR_END;
      if (definition instanceof TerminateEventDefinition) return ElementKind.TERMINATE_END;
    } else if (node instanceof ServiceTask) {
      return ElementKind.JOB_TASK;
    } else if (node instanceof BusinessRuleTask) {
      return extension(node, ZeebeCalledDecision.class) != null ? ElementKind.DECISION_TASK : ElementKind.JOB_TASK;
    } else if (node instanceof ReceiveTask) {
      return ElementKind.RECEIVE_TASK;
    } else if (node instanceof ExclusiveGateway) {
      return ElementKind.EXCLUSIVE_GATEWAY;
    } else if (node instanceof ParallelGateway) {
      return ElementKind.PARALLEL_GATEWAY;
    } else if (node instanceof EventBasedGateway) {
      return ElementKind.EVENT_GATEWAY;
    } else if (node instanceof IntermediateCatchEvent) {
      if (definition instanceof MessageEventDefinition) return ElementKind.MESSAGE_CATCH;
      if (definition instanceof TimerEventDefinition) return ElementKind.TIMER_CATCH;
    } else if (node instanceof BoundaryEvent) {
      if (definition instanceof MessageEventDefinition) return ElementKind.MESSAGE_BOUNDARY;
      if (definition instanceof TimerEventDefinition) return ElementKind.TIMER_BOUNDARY;
      if (definition instanceof ErrorEventDefinition) return ElementKind.ERROR_BOUNDARY;
    } else if (node instanceof SubProcess sub && "subProcess".equals(node.getElementType().getTypeName())) {
      if (sub.triggeredByEvent()) {
        reason.add("event sub-processes are not supported by the local engine");
        return null;
      }
      return ElementKind.SUB_PROCESS;
    } else if (node instanceof CallActivity) {
      return ElementKind.CALL_ACTIVITY;
    }
    if (definition != null) {
      reason.add("events of type '" + node.getElementType().getTypeName() + "' with a "
          + definition.getElementType().getTypeName() + " are not supported by the local engine");
    }
    return null;
  }

  private static TimerDefinition timerOf(TimerEventDefinition timer, List<String> problems) {
    if (timer.getTimeDuration() != null) {
      return new TimerDefinition(TimerKind.DURATION, timer.getTimeDuration().getTextContent().trim());
    }
    if (timer.getTimeDate() != null) {
      return new TimerDefinition(TimerKind.DATE, timer.getTimeDate().getTextContent().trim());
    }
    if (timer.getTimeCycle() != null) {
      return new TimerDefinition(TimerKind.CYCLE, timer.getTimeCycle().getTextContent().trim());
    }
    problems.add("a timer must have a timeDuration, timeDate or timeCycle");
    return null;
  }

  private void checkExpression(String id, String type, String text, List<String> problems) {
    if (text != null) {
      feel.parseError(text).ifPresent(error -> problems.add(problem(id, type, "FEEL expression '" + text + "' is invalid: " + error)));
    }
  }

  private static EventDefinition eventDefinition(FlowNode node) {
    if (node instanceof Event event) {
      Collection<EventDefinition> definitions = eventDefinitions(event);
      return definitions.isEmpty() ? null : definitions.iterator().next();
    }
    return null;
  }

  private static Collection<EventDefinition> eventDefinitions(Event event) {
    if (event instanceof io.camunda.zeebe.model.bpmn.instance.CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (event instanceof io.camunda.zeebe.model.bpmn.instance.ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }

  private static <T extends ModelElementInstance> T extension(ModelElementInstance element, Class<T> type) {
    if (!(element instanceof io.camunda.zeebe.model.bpmn.instance.BaseElement base)
        || base.getExtensionElements() == null) {
      return null;
    }
    return base.getExtensionElements().getElementsQuery().filterByType(type).list().stream().findFirst().orElse(null);
  }

  private static String scopeOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process) && !(parent instanceof SubProcess)) {
      parent = parent.getParentElement();
    }
    return parent == null ? null : ((io.camunda.zeebe.model.bpmn.instance.BaseElement) parent).getId();
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }

  private static Element withInnerStart(Element e, String start) {
    return new Element(e.id(), e.bpmnType(), e.kind(), e.scopeId(), e.outgoing(), e.incomingCount(), e.defaultFlowId(),
        e.jobType(), e.jobRetries(), e.headers(), e.inputs(), e.outputs(), e.messageName(), e.correlationKey(),
        e.timer(), e.errorCode(), e.interrupting(), e.attachedToId(), e.boundaryIds(), e.calledProcessId(),
        e.propagateAllChildVariables(), e.propagateAllParentVariables(), e.decisionId(), e.resultVariable(),
        start, e.eventTargets());
  }

  private static Element withEventTargets(Element e, List<String> targets) {
    return new Element(e.id(), e.bpmnType(), e.kind(), e.scopeId(), e.outgoing(), e.incomingCount(), e.defaultFlowId(),
        e.jobType(), e.jobRetries(), e.headers(), e.inputs(), e.outputs(), e.messageName(), e.correlationKey(),
        e.timer(), e.errorCode(), e.interrupting(), e.attachedToId(), e.boundaryIds(), e.calledProcessId(),
        e.propagateAllChildVariables(), e.propagateAllParentVariables(), e.decisionId(), e.resultVariable(),
        e.innerStartId(), List.copyOf(targets));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String problem(String id, String type, String message) {
    return "- Element: " + id + " (" + type + ")\n    - ERROR: " + message;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? e.toString() : cause.getMessage();
  }

  /** A model the engine refuses; the message names each offending element. */
  public static final class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message) {
      super(message);
    }
  }
}
