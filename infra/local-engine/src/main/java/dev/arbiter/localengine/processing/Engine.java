package dev.arbiter.localengine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.localengine.bpmn.Element;
import dev.arbiter.localengine.bpmn.Element.Flow;
import dev.arbiter.localengine.bpmn.Element.Mapping;
import dev.arbiter.localengine.bpmn.ElementKind;
import dev.arbiter.localengine.bpmn.ModelParser;
import dev.arbiter.localengine.bpmn.ProcessModel;
import dev.arbiter.localengine.dmn.DecisionEngine;
import dev.arbiter.localengine.feel.Feel;
import dev.arbiter.localengine.feel.Values;
import dev.arbiter.localengine.journal.Command;
import dev.arbiter.localengine.processing.Rejection.Type;
import dev.arbiter.localengine.state.EngineState;
import dev.arbiter.localengine.state.EngineState.Decision;
import dev.arbiter.localengine.state.EngineState.DecisionRequirements;
import dev.arbiter.localengine.state.EngineState.ElementInstance;
import dev.arbiter.localengine.state.EngineState.Incident;
import dev.arbiter.localengine.state.EngineState.Job;
import dev.arbiter.localengine.state.EngineState.JobState;
import dev.arbiter.localengine.state.EngineState.Message;
import dev.arbiter.localengine.state.EngineState.ProcessDefinition;
import dev.arbiter.localengine.state.EngineState.Subscription;
import dev.arbiter.localengine.state.EngineState.Timer;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionRequirementsMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Deployment;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The BPMN semantics: applies one command at a time to the {@link EngineState}. Deterministic given
 * the commands and their timestamps, which is what makes journal replay rebuild the same state.
 */
public final class Engine {

  /** What the processing loop needs to hear about while a command is applied. */
  public interface Listener {
    void jobsAvailable(String type);

    void processEnded(long processInstanceKey, ObjectNode variables, boolean completed);
  }

  /** A point in time at which the engine has something to do on its own. */
  public record Due(long time, DueKind kind, long key) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int byTime = Long.compare(time, o.time);
      if (byTime != 0) return byTime;
      int byKind = kind.compareTo(o.kind);
      return byKind != 0 ? byKind : Long.compare(key, o.key);
    }
  }

  public enum DueKind {
    TIMER,
    JOB_TIMEOUT,
    JOB_RECUR,
    MESSAGE_EXPIRY
  }

  private static final String TENANT = "<default>";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EngineState state;
  private final Feel feel;
  private final ModelParser parser;
  private final DecisionEngine decisions;
  private final Listener listener;
  private final ArrayDeque<Runnable> agenda = new ArrayDeque<>();
  private final Map<Long, ProcessModel> models = new HashMap<>();
  private final Map<Long, DecisionEngine.ParsedResource> parsedDecisions = new HashMap<>();
  private final Map<String, LinkedHashSet<Long>> activatable = new HashMap<>();
  private final Map<String, List<Long>> subscriptionIndex = new HashMap<>();
  private final Map<String, List<Long>> messageIndex = new HashMap<>();
  private final TreeSet<Due> due = new TreeSet<>();
  private long now;

  public Engine(EngineState state, Feel feel, Listener listener) {
    this.state = state;
    this.feel = feel;
    this.parser = new ModelParser(feel);
    this.decisions = new DecisionEngine();
    this.listener = listener;
    rebuildIndexes();
  }

  public EngineState state() {
    return state;
  }

  public long now() {
    return now;
  }

  private void rebuildIndexes() {
    for (Job job : state.jobs.values()) {
      switch (job.state) {
        case ACTIVATABLE -> activatable.computeIfAbsent(job.type, t -> new LinkedHashSet<>()).add(job.key);
        case ACTIVATED -> due.add(new Due(job.deadline, DueKind.JOB_TIMEOUT, job.key));
        case BACKING_OFF -> due.add(new Due(job.recurAt, DueKind.JOB_RECUR, job.key));
        default -> {}
      }
    }
    state.timers.values().forEach(t -> due.add(new Due(t.dueDate, DueKind.TIMER, t.key)));
    state.subscriptions.values()
        .forEach(s -> subscriptionIndex.computeIfAbsent(indexKey(s.messageName, s.correlationKey), k -> new ArrayList<>()).add(s.key));
    state.messages.values().forEach(m -> {
      messageIndex.computeIfAbsent(indexKey(m.name, m.correlationKey), k -> new ArrayList<>()).add(m.key);
      due.add(new Due(m.deadline, DueKind.MESSAGE_EXPIRY, m.key));
    });
  }

  // ---------------------------------------------------------------- commands

  /** Applies a command at the given time and returns the gRPC response for it. */
  public Object apply(Command command, long time) {
    now = time;
    Object response = dispatch(command);
    runAgenda();
    return response;
  }

  private Object dispatch(Command command) {
    if (command instanceof Command.Deploy c) return deploy(c);
    if (command instanceof Command.CreateInstance c) return create(c);
    if (command instanceof Command.CancelInstance c) return cancel(c);
    if (command instanceof Command.CompleteJob c) return completeJob(c);
    if (command instanceof Command.FailJob c) return failJob(c);
    if (command instanceof Command.ThrowError c) return throwError(c);
    if (command instanceof Command.UpdateRetries c) return updateRetries(c);
    if (command instanceof Command.UpdateTimeout c) return updateTimeout(c);
    if (command instanceof Command.PublishMessage c) return publish(c);
    if (command instanceof Command.SetVariables c) return setVariables(c);
    if (command instanceof Command.ResolveIncident c) return resolveIncident(c);
    if (command instanceof Command.EvaluateDecision c) return evaluateDecision(c);
    if (command instanceof Command.ActivateJobs c) return activateJobs(c);
    if (command instanceof Command.YieldJobs c) return yieldJobs(c);
    if (command instanceof Command.TriggerTimer c) return triggerTimer(c);
    if (command instanceof Command.TimeOutJob c) return timeOutJob(c);
    if (command instanceof Command.RecurJob c) return recurJob(c);
    if (command instanceof Command.ExpireMessage c) return expireMessage(c);
    throw new IllegalArgumentException("Unknown command " + command);
  }

  private void runAgenda() {
    Runnable step;
    while ((step = agenda.poll()) != null) {
      step.run();
    }
  }

  private DeployResourceResponse deploy(Command.Deploy c) {
    List<String> problems = new ArrayList<>();
    List<ParsedProcess> bpmn = new ArrayList<>();
    List<ParsedDecisions> dmn = new ArrayList<>();
    Set<String> processIds = new LinkedHashSet<>();
    if (c.resources().isEmpty()) {
      throw new Rejection("CREATE", Type.INVALID_ARGUMENT, "Expected to deploy at least one resource, but none given");
    }
    for (Command.Resource resource : c.resources()) {
      String name = resource.name();
      try {
        if (name.endsWith(".bpmn") || name.endsWith(".xml")) {
          for (ProcessModel model : parser.parse(name, resource.content())) {
            if (!processIds.add(model.processId())) {
              problems.add("'" + name + "': duplicated process id '" + model.processId() + "' in this deployment");
            }
            bpmn.add(new ParsedProcess(resource, model));
          }
        } else if (name.endsWith(".dmn")) {
          dmn.add(new ParsedDecisions(resource, decisions.parse(name, resource.content())));
        } else {
          problems.add("'" + name + "': unknown resource type; expected a .bpmn, .xml or .dmn file");
        }
      } catch (ModelParser.InvalidModelException | IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    for (ParsedProcess parsed : bpmn) {
      for (String startId : parsed.model().timerStartIds()) {
        try {
          newTimer(parsed.model().element(startId), Map.of(), now);
        } catch (StepFailure | Feel.FeelException e) {
          problems.add("'" + parsed.resource().name() + "': - Element: " + startId + " (startEvent)\n    - ERROR: " + e.getMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new Rejection("CREATE", Type.INVALID_ARGUMENT,
          "Expected to deploy new resources, but encountered the following errors:\n" + String.join("\n", problems));
    }
    long deploymentKey = state.nextKey();
    DeployResourceResponse.Builder response = DeployResourceResponse.newBuilder().setKey(deploymentKey).setTenantId(TENANT);
    for (ParsedDecisions parsed : dmn) {
      deployDecisions(parsed.resource(), parsed.decisions(), response);
    }
    for (ParsedProcess parsed : bpmn) {
      deployProcess(parsed.resource(), parsed.model(), response);
    }
    return response.build();
  }

  private record ParsedProcess(Command.Resource resource, ProcessModel model) {}

  private record ParsedDecisions(Command.Resource resource, DecisionEngine.ParsedResource decisions) {}

  private void deployProcess(Command.Resource resource, ProcessModel model, DeployResourceResponse.Builder response) {
    String checksum = checksum(resource.content());
    ProcessDefinition latest = latestProcess(model.processId());
    ProcessDefinition definition = latest;
    if (latest == null || !latest.checksum.equals(checksum)) {
      definition = new ProcessDefinition();
      definition.key = state.nextKey();
      definition.processId = model.processId();
      definition.version = latest == null ? 1 : latest.version + 1;
      definition.resourceName = resource.name();
      definition.checksum = checksum;
      definition.resource = new String(resource.content(), StandardCharsets.UTF_8);
      state.processes.put(definition.key, definition);
      models.put(definition.key, model);
      replaceStartTimers(definition, model);
    }
    response.addDeployments(Deployment.newBuilder().setProcess(ProcessMetadata.newBuilder()
        .setBpmnProcessId(definition.processId).setVersion(definition.version)
        .setProcessDefinitionKey(definition.key).setResourceName(definition.resourceName).setTenantId(TENANT)));
  }

  private void replaceStartTimers(ProcessDefinition definition, ProcessModel model) {
    List<Long> stale = new ArrayList<>();
    for (Timer timer : state.timers.values()) {
      if (timer.elementInstanceKey == -1) {
        ProcessDefinition owner = state.processes.get(timer.processDefinitionKey);
        if (owner != null && owner.processId.equals(definition.processId)) {
          stale.add(timer.key);
        }
      }
    }
    stale.forEach(state.timers::remove);
    for (String startId : model.timerStartIds()) {
      Timer timer = newTimer(model.element(startId), Map.of(), now);
      timer.elementInstanceKey = -1;
      timer.processDefinitionKey = definition.key;
      registerTimer(timer);
    }
  }

  private void deployDecisions(Command.Resource resource, DecisionEngine.ParsedResource parsed, DeployResourceResponse.Builder response) {
    String checksum = checksum(resource.content());
    DecisionRequirements latest = null;
    for (DecisionRequirements drg : state.decisionRequirements.values()) {
      if (drg.drgId.equals(parsed.id()) && (latest == null || drg.version > latest.version)) {
        latest = drg;
      }
    }
    DecisionRequirements drg = latest;
    if (latest == null || !latest.checksum.equals(checksum)) {
      drg = new DecisionRequirements();
      drg.key = state.nextKey();
      drg.drgId = parsed.id();
      drg.name = parsed.name();
      drg.version = latest == null ? 1 : latest.version + 1;
      drg.resourceName = resource.name();
      drg.checksum = checksum;
      drg.resource = new String(resource.content(), StandardCharsets.UTF_8);
      state.decisionRequirements.put(drg.key, drg);
      parsedDecisions.put(drg.key, parsed);
      for (DecisionEngine.DecisionInfo info : parsed.decisions()) {
        Decision previous = latestDecision(info.id());
        Decision decision = new Decision();
        decision.key = state.nextKey();
        decision.decisionId = info.id();
        decision.name = info.name();
        decision.version = previous == null ? 1 : previous.version + 1;
        decision.requirementsKey = drg.key;
        decision.requirementsId = drg.drgId;
        state.decisions.put(decision.key, decision);
      }
    }
    response.addDeployments(Deployment.newBuilder().setDecisionRequirements(DecisionRequirementsMetadata.newBuilder()
        .setDmnDecisionRequirementsId(drg.drgId).setDmnDecisionRequirementsName(nullToEmpty(drg.name))
        .setVersion(drg.version).setDecisionRequirementsKey(drg.key).setResourceName(drg.resourceName).setTenantId(TENANT)));
    for (Decision decision : state.decisions.values()) {
      if (decision.requirementsKey == drg.key) {
        response.addDeployments(Deployment.newBuilder().setDecision(DecisionMetadata.newBuilder()
            .setDmnDecisionId(decision.decisionId).setDmnDecisionName(nullToEmpty(decision.name))
            .setVersion(decision.version).setDecisionKey(decision.key)
            .setDmnDecisionRequirementsId(drg.drgId).setDecisionRequirementsKey(drg.key).setTenantId(TENANT)));
      }
    }
  }

  private CreateProcessInstanceResponse create(Command.CreateInstance c) {
    ProcessDefinition definition = findDefinition(c.definitionKey(), c.processId(), c.version());
    ObjectNode variables = document("CREATE", c.variables());
    ProcessModel model = model(definition);
    if (model.noneStartId() == null) {
      throw new Rejection("CREATE", Type.INVALID_STATE,
          "Expected to create instance of process with none start event, but there is no such event");
    }
    ElementInstance root = startInstance(definition, model.noneStartId(), variables, -1, null);
    return CreateProcessInstanceResponse.newBuilder().setProcessDefinitionKey(definition.key)
        .setBpmnProcessId(definition.processId).setVersion(definition.version)
        .setProcessInstanceKey(root.key).setTenantId(TENANT).build();
  }

  /** The definition a create command names: by key, by id and version, or the latest version of an id. */
  private ProcessDefinition findDefinition(long key, String processId, int version) {
    if (key > 0) {
      ProcessDefinition definition = state.processes.get(key);
      if (definition == null) {
        throw new Rejection("CREATE", Type.NOT_FOUND, "Expected to find process definition with key '" + key + "', but none found");
      }
      return definition;
    }
    if (version > 0) {
      for (ProcessDefinition definition : state.processes.values()) {
        if (definition.processId.equals(processId) && definition.version == version) {
          return definition;
        }
      }
      throw new Rejection("CREATE", Type.NOT_FOUND, "Expected to find process definition with process ID '" + processId
          + "' and version '" + version + "', but none found");
    }
    ProcessDefinition latest = latestProcess(processId);
    if (latest == null) {
      throw new Rejection("CREATE", Type.NOT_FOUND, "Expected to find process definition with process ID '" + processId + "', but none found");
    }
    return latest;
  }

  private CancelProcessInstanceResponse cancel(Command.CancelInstance c) {
    ElementInstance root = state.instances.get(c.processInstanceKey());
    if (root == null || root.flowScopeKey != -1) {
      throw new Rejection("CANCEL", Type.NOT_FOUND, "Expected to cancel a process instance with key '" + c.processInstanceKey()
          + "', but no such process was found");
    }
    if (root.parentElementInstanceKey != -1) {
      ElementInstance parent = state.instances.get(root.parentElementInstanceKey);
      throw new Rejection("CANCEL", Type.INVALID_STATE, "Expected to cancel a process instance with key '" + root.key
          + "', but it is created by a parent process instance. Cancel the root process instance '"
          + (parent == null ? -1 : parent.processInstanceKey) + "' instead.");
    }
    terminate(root);
    return CancelProcessInstanceResponse.getDefaultInstance();
  }

  private CompleteJobResponse completeJob(Command.CompleteJob c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null) {
      throw new Rejection("COMPLETE", Type.NOT_FOUND, "Expected to complete job with key '" + c.jobKey() + "', but no such job was found");
    }
    if (job.state != JobState.ACTIVATED && job.state != JobState.ACTIVATABLE) {
      throw new Rejection("COMPLETE", Type.INVALID_STATE, "Expected to complete job with key '" + c.jobKey()
          + "', but it is in state '" + job.state + "'");
    }
    ObjectNode variables = document("COMPLETE", c.variables());
    removeJob(job);
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    instance.jobKey = -1;
    complete(instance, variables);
    return CompleteJobResponse.getDefaultInstance();
  }

  private FailJobResponse failJob(Command.FailJob c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null) {
      throw new Rejection("FAIL", Type.NOT_FOUND, "Expected to fail job with key '" + c.jobKey() + "', but no such job was found");
    }
    if (job.state != JobState.ACTIVATED) {
      throw new Rejection("FAIL", Type.INVALID_STATE, "Expected to fail activated job with key '" + c.jobKey()
          + "', but it is in state '" + job.state + "'");
    }
    ObjectNode variables = document("FAIL", c.variables());
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    setLocal(instance, variables);
    job.retries = c.retries();
    job.errorMessage = nullToEmpty(c.errorMessage());
    job.worker = "";
    job.deadline = -1;
    if (c.retries() > 0) {
      if (c.retryBackOff() > 0) {
        job.state = JobState.BACKING_OFF;
        job.recurAt = now + c.retryBackOff();
        due.add(new Due(job.recurAt, DueKind.JOB_RECUR, job.key));
      } else {
        makeActivatable(job);
      }
    } else {
      job.state = JobState.FAILED;
      String message = job.errorMessage.isEmpty() ? "No more retries left." : job.errorMessage;
      job.incidentKey = createIncident("JOB_NO_RETRIES", message, instance, job.key).key;
    }
    return FailJobResponse.getDefaultInstance();
  }

  private ThrowErrorResponse throwError(Command.ThrowError c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null) {
      throw new Rejection("THROW_ERROR", Type.NOT_FOUND, "Expected to throw an error for job with key '" + c.jobKey()
          + "', but no such job was found");
    }
    if (job.state != JobState.ACTIVATED && job.state != JobState.ACTIVATABLE) {
      throw new Rejection("THROW_ERROR", Type.INVALID_STATE, "Expected to throw an error for job with key '" + c.jobKey()
          + "', but it is in state '" + job.state + "'");
    }
    ObjectNode variables = document("THROW_ERROR", c.variables());
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    if (catchError(instance, c.errorCode(), variables)) {
      if (state.jobs.containsKey(job.key)) {
        removeJob(job);
      }
    } else {
      activatableOf(job.type).remove(job.key);
      job.state = JobState.ERROR_THROWN;
      job.errorMessage = nullToEmpty(c.errorMessage());
      job.incidentKey = createIncident("UNHANDLED_ERROR_EVENT", unhandledError(c.errorCode(), c.errorMessage()), instance, job.key).key;
    }
    return ThrowErrorResponse.getDefaultInstance();
  }

  private UpdateJobRetriesResponse updateRetries(Command.UpdateRetries c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null) {
      throw new Rejection("UPDATE_RETRIES", Type.NOT_FOUND, "Expected to update retries for job with key '" + c.jobKey()
          + "', but no such job was found");
    }
    if (c.retries() < 1) {
      throw new Rejection("UPDATE_RETRIES", Type.INVALID_ARGUMENT, "Expected to update retries for job with key '" + c.jobKey()
          + "' with a positive amount of retries, but the amount given was '" + c.retries() + "'");
    }
    job.retries = c.retries();
    return UpdateJobRetriesResponse.getDefaultInstance();
  }

  private UpdateJobTimeoutResponse updateTimeout(Command.UpdateTimeout c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null) {
      throw new Rejection("UPDATE", Type.NOT_FOUND, "Expected to update job with key '" + c.jobKey() + "', but no such job was found");
    }
    if (job.state != JobState.ACTIVATED) {
      throw new Rejection("UPDATE", Type.INVALID_STATE, "Expected to update the timeout of job with key '" + c.jobKey()
          + "', but it is not active");
    }
    job.deadline = now + c.timeout();
    due.add(new Due(job.deadline, DueKind.JOB_TIMEOUT, job.key));
    return UpdateJobTimeoutResponse.getDefaultInstance();
  }

  private PublishMessageResponse publish(Command.PublishMessage c) {
    ObjectNode variables = document("PUBLISH", c.variables());
    String correlationKey = nullToEmpty(c.correlationKey());
    String messageId = nullToEmpty(c.messageId());
    if (!messageId.isEmpty()) {
      for (Long key : messageIndex.getOrDefault(indexKey(c.name(), correlationKey), List.of())) {
        Message buffered = state.messages.get(key);
        if (buffered != null && buffered.messageId.equals(messageId) && buffered.deadline > now) {
          throw new Rejection("PUBLISH", Type.ALREADY_EXISTS, "Expected to publish a new message with id '" + messageId
              + "', but a message with that id was already published");
        }
      }
    }
    Message message = new Message();
    message.key = state.nextKey();
    message.name = c.name();
    message.correlationKey = correlationKey;
    message.messageId = messageId;
    message.variables = variables;
    message.deadline = now + Math.max(0, c.timeToLive());
    for (Long subscriptionKey : new ArrayList<>(subscriptionIndex.getOrDefault(indexKey(c.name(), correlationKey), List.of()))) {
      Subscription subscription = state.subscriptions.get(subscriptionKey);
      if (subscription != null && !message.correlatedProcessIds.contains(subscription.bpmnProcessId)) {
        correlate(subscription, message);
      }
    }
    startByMessage(message);
    if (c.timeToLive() > 0) {
      state.messages.put(message.key, message);
      messageIndex.computeIfAbsent(indexKey(message.name, correlationKey), k -> new ArrayList<>()).add(message.key);
      due.add(new Due(message.deadline, DueKind.MESSAGE_EXPIRY, message.key));
    }
    return PublishMessageResponse.newBuilder().setKey(message.key).setTenantId(TENANT).build();
  }

  private SetVariablesResponse setVariables(Command.SetVariables c) {
    ElementInstance instance = state.instances.get(c.scopeKey());
    if (instance == null) {
      throw new Rejection("UPDATE", Type.NOT_FOUND, "Expected to update variables for element with key '" + c.scopeKey()
          + "', but no such element was found");
    }
    ObjectNode variables = document("UPDATE", c.variables());
    if (c.local()) {
      setLocal(instance, variables);
    } else {
      merge(instance, variables);
    }
    return SetVariablesResponse.newBuilder().setKey(state.nextKey()).build();
  }

  private ResolveIncidentResponse resolveIncident(Command.ResolveIncident c) {
    Incident incident = state.incidents.get(c.incidentKey());
    if (incident == null) {
      throw new Rejection("RESOLVE", Type.NOT_FOUND, "Expected to resolve incident with key '" + c.incidentKey()
          + "', but no such incident was found");
    }
    if (incident.jobKey != -1) {
      Job job = state.jobs.get(incident.jobKey);
      if (job != null && job.retries <= 0 && "JOB_NO_RETRIES".equals(incident.type)) {
        throw new Rejection("RESOLVE", Type.INVALID_STATE, "Expected to resolve incident with key '" + c.incidentKey()
            + "', but job with key '" + job.key + "' has no retries left; update the job's retries first");
      }
      state.incidents.remove(incident.key);
      if (job != null) {
        job.incidentKey = -1;
        makeActivatable(job);
      }
      return ResolveIncidentResponse.getDefaultInstance();
    }
    state.incidents.remove(incident.key);
    ElementInstance instance = state.instances.get(incident.elementInstanceKey);
    if (instance != null) {
      instance.incidentKey = -1;
      String step = instance.pendingStep;
      ObjectNode pending = instance.pendingVariables;
      instance.pendingStep = null;
      instance.pendingVariables = null;
      if ("COMPLETE".equals(step)) {
        agenda.add(() -> complete(instance, pending));
      } else {
        agenda.add(() -> enter(instance));
      }
    }
    return ResolveIncidentResponse.getDefaultInstance();
  }

  private EvaluateDecisionResponse evaluateDecision(Command.EvaluateDecision c) {
    Decision decision;
    if (c.decisionKey() > 0) {
      decision = state.decisions.get(c.decisionKey());
      if (decision == null) {
        throw new Rejection("EVALUATE", Type.NOT_FOUND, "Expected to evaluate decision with key '" + c.decisionKey()
            + "', but no such decision was found");
      }
    } else {
      decision = latestDecision(c.decisionId());
      if (decision == null) {
        throw new Rejection("EVALUATE", Type.NOT_FOUND, "Expected to evaluate decision '" + c.decisionId()
            + "', but no decision found for id '" + c.decisionId() + "'");
      }
    }
    ObjectNode variables = document("EVALUATE", c.variables());
    @SuppressWarnings("unchecked")
    Map<String, Object> context = (Map<String, Object>) Values.toJava(variables);
    DecisionEngine.Evaluation evaluation = decisions.evaluate(parsedDmn(decision.requirementsKey).parsed(), decision.decisionId, context);
    long instanceKey = state.nextKey();
    EvaluateDecisionResponse.Builder response = EvaluateDecisionResponse.newBuilder()
        .setDecisionKey(decision.key).setDecisionId(decision.decisionId).setDecisionName(nullToEmpty(decision.name))
        .setDecisionVersion(decision.version).setDecisionRequirementsId(decision.requirementsId)
        .setDecisionRequirementsKey(decision.requirementsKey).setTenantId(TENANT)
        .setDecisionInstanceKey(instanceKey).setDecisionEvaluationKey(instanceKey);
    for (DecisionEngine.EvaluatedDecision evaluated : evaluation.evaluated()) {
      Decision known = latestDecision(evaluated.id());
      response.addEvaluatedDecisions(EvaluatedDecision.newBuilder().setDecisionId(evaluated.id())
          .setDecisionName(nullToEmpty(evaluated.name())).setDecisionType(evaluated.type())
          .setDecisionKey(known == null ? -1 : known.key).setDecisionVersion(known == null ? -1 : known.version)
          .setDecisionOutput(Values.write(evaluated.output())).setTenantId(TENANT));
    }
    if (evaluation.failed()) {
      response.setFailedDecisionId(evaluation.failedDecisionId()).setFailureMessage(evaluation.failureMessage());
    } else {
      response.setDecisionOutput(Values.write(evaluation.output()));
    }
    return response.build();
  }

  private List<Long> activateJobs(Command.ActivateJobs c) {
    List<Long> activated = new ArrayList<>();
    for (Long key : c.jobKeys()) {
      Job job = state.jobs.get(key);
      if (job != null && job.state == JobState.ACTIVATABLE) {
        activatableOf(job.type).remove(key);
        job.state = JobState.ACTIVATED;
        job.worker = nullToEmpty(c.worker());
        job.deadline = now + c.timeout();
        due.add(new Due(job.deadline, DueKind.JOB_TIMEOUT, job.key));
        activated.add(key);
      }
    }
    return activated;
  }

  private Object yieldJobs(Command.YieldJobs c) {
    for (Long key : c.jobKeys()) {
      Job job = state.jobs.get(key);
      if (job != null && job.state == JobState.ACTIVATED) {
        makeActivatable(job);
      }
    }
    return null;
  }

  private Object timeOutJob(Command.TimeOutJob c) {
    Job job = state.jobs.get(c.jobKey());
    if (job != null && job.state == JobState.ACTIVATED && job.deadline <= now) {
      makeActivatable(job);
    }
    return null;
  }

  private Object recurJob(Command.RecurJob c) {
    Job job = state.jobs.get(c.jobKey());
    if (job != null && job.state == JobState.BACKING_OFF && job.recurAt <= now) {
      makeActivatable(job);
    }
    return null;
  }

  private Object expireMessage(Command.ExpireMessage c) {
    Message message = state.messages.remove(c.messageKey());
    if (message != null) {
      List<Long> keys = messageIndex.get(indexKey(message.name, message.correlationKey));
      if (keys != null) {
        keys.remove(message.key);
        if (keys.isEmpty()) messageIndex.remove(indexKey(message.name, message.correlationKey));
      }
    }
    return null;
  }

  private Object triggerTimer(Command.TriggerTimer c) {
    Timer timer = state.timers.remove(c.timerKey());
    if (timer == null) {
      return null;
    }
    if (timer.elementInstanceKey == -1) {
      ProcessDefinition definition = state.processes.get(timer.processDefinitionKey);
      rescheduleCycle(timer, -1);
      startInstance(definition, timer.elementId, NODES.objectNode(), -1, null);
      return null;
    }
    ElementInstance owner = state.instances.get(timer.elementInstanceKey);
    if (owner == null) {
      return null;
    }
    owner.eventKeys.remove(timer.key);
    Element event = model(owner).element(timer.elementId);
    if (event.kind() == ElementKind.TIMER_BOUNDARY && !event.interrupting()) {
      long rescheduled = rescheduleCycle(timer, owner.key);
      if (rescheduled != -1) owner.eventKeys.add(rescheduled);
    }
    trigger(owner, event, null);
    return null;
  }

  private long rescheduleCycle(Timer fired, long ownerKey) {
    if (fired.repetitions == 0 || fired.intervalMillis <= 0) {
      return -1;
    }
    Timer next = new Timer();
    next.key = state.nextKey();
    next.elementInstanceKey = ownerKey;
    next.processDefinitionKey = fired.processDefinitionKey;
    next.elementId = fired.elementId;
    next.dueDate = fired.dueDate + fired.intervalMillis;
    next.repetitions = fired.repetitions < 0 ? -1 : fired.repetitions - 1;
    next.intervalMillis = fired.intervalMillis;
    registerTimer(next);
    return next.key;
  }

  // ---------------------------------------------------------------- due work

  /** When the engine next has something to do by itself, or -1. */
  public long nextDueTime() {
    return due.isEmpty() ? -1 : due.first().time();
  }

  /** Takes the work due at the given time as commands to apply (and journal). */
  public List<Command> takeDue(long time) {
    List<Command> commands = new ArrayList<>();
    while (!due.isEmpty() && due.first().time() <= time) {
      Due next = due.pollFirst();
      switch (next.kind()) {
        case TIMER -> {
          Timer timer = state.timers.get(next.key());
          if (timer != null && timer.dueDate == next.time()) commands.add(new Command.TriggerTimer(next.key()));
        }
        case JOB_TIMEOUT -> {
          Job job = state.jobs.get(next.key());
          if (job != null && job.state == JobState.ACTIVATED && job.deadline == next.time()) commands.add(new Command.TimeOutJob(next.key()));
        }
        case JOB_RECUR -> {
          Job job = state.jobs.get(next.key());
          if (job != null && job.state == JobState.BACKING_OFF && job.recurAt == next.time()) commands.add(new Command.RecurJob(next.key()));
        }
        case MESSAGE_EXPIRY -> {
          if (state.messages.containsKey(next.key())) commands.add(new Command.ExpireMessage(next.key()));
        }
      }
    }
    return commands;
  }

  // ---------------------------------------------------------------- jobs for workers

  /** Up to max activatable jobs of a type, oldest first, without changing anything. */
  public List<Long> peekActivatable(String type, int max) {
    List<Long> keys = new ArrayList<>();
    Iterator<Long> it = activatableOf(type).iterator();
    while (it.hasNext() && keys.size() < max) {
      keys.add(it.next());
    }
    return keys;
  }

  public ActivatedJob toActivatedJob(long key, List<String> fetchVariables) {
    Job job = state.jobs.get(key);
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    ObjectNode variables = Values.select(visible(instance), fetchVariables);
    ObjectNode headers = NODES.objectNode();
    job.headers.forEach(headers::put);
    return ActivatedJob.newBuilder().setKey(job.key).setType(job.type).setProcessInstanceKey(job.processInstanceKey)
        .setBpmnProcessId(job.bpmnProcessId).setProcessDefinitionVersion(job.version)
        .setProcessDefinitionKey(job.processDefinitionKey).setElementId(job.elementId)
        .setElementInstanceKey(job.elementInstanceKey).setCustomHeaders(Values.write(headers))
        .setWorker(job.worker).setRetries(job.retries).setDeadline(job.deadline)
        .setVariables(Values.write(variables)).setTenantId(TENANT)
        .setKind(ActivatedJob.JobKind.BPMN_ELEMENT).build();
  }

  private LinkedHashSet<Long> activatableOf(String type) {
    return activatable.computeIfAbsent(type, t -> new LinkedHashSet<>());
  }

  private void makeActivatable(Job job) {
    job.state = JobState.ACTIVATABLE;
    job.worker = "";
    job.deadline = -1;
    job.recurAt = -1;
    activatableOf(job.type).add(job.key);
    listener.jobsAvailable(job.type);
  }

  private void removeJob(Job job) {
    state.jobs.remove(job.key);
    activatableOf(job.type).remove(job.key);
    if (job.incidentKey != -1) {
      state.incidents.remove(job.incidentKey);
    }
  }

  // ---------------------------------------------------------------- BPMN execution

  private ElementInstance startInstance(ProcessDefinition definition, String startId, ObjectNode variables,
      long parentElementInstanceKey, String correlationKey) {
    ElementInstance root = new ElementInstance();
    root.key = state.nextKey();
    root.elementId = definition.processId;
    root.processInstanceKey = root.key;
    root.processDefinitionKey = definition.key;
    root.bpmnProcessId = definition.processId;
    root.version = definition.version;
    root.parentElementInstanceKey = parentElementInstanceKey;
    root.variables = variables.deepCopy();
    if (correlationKey != null && !correlationKey.isEmpty()) {
      root.startedByCorrelationKey = correlationKey;
      state.messageStartLocks.put(lockKey(definition.processId, correlationKey), root.key);
    }
    state.instances.put(root.key, root);
    Element start = model(definition).element(startId);
    agenda.add(() -> activate(start, root, null, true));
    return root;
  }

  /**
   * Creates an element instance in a scope and enters it. A triggered event (a message or timer
   * that already happened) completes at once with the trigger's variables.
   */
  private void activate(Element element, ElementInstance scope, ObjectNode triggerVariables, boolean triggered) {
    if (!state.instances.containsKey(scope.key)) {
      return;
    }
    ElementInstance instance = new ElementInstance();
    instance.key = state.nextKey();
    instance.elementId = element.id();
    instance.processInstanceKey = scope.processInstanceKey;
    instance.processDefinitionKey = scope.processDefinitionKey;
    instance.bpmnProcessId = scope.bpmnProcessId;
    instance.version = scope.version;
    instance.flowScopeKey = scope.key;
    state.instances.put(instance.key, instance);
    scope.children.add(instance.key);
    if (triggered) {
      try {
        applyInputs(instance, element);
      } catch (StepFailure failure) {
        raiseIncident(instance, failure, "COMPLETE", triggerVariables);
        return;
      }
      complete(instance, triggerVariables);
    } else {
      enter(instance);
    }
  }

  private void enter(ElementInstance instance) {
    Element element = element(instance);
    try {
      applyInputs(instance, element);
      switch (element.kind()) {
        case NONE_START, MESSAGE_START, TIMER_START, NONE_END, PARALLEL_GATEWAY -> complete(instance, null);
        case ERROR_END -> {
          if (!catchError(instance, element.errorCode(), null)) {
            throw new StepFailure("UNHANDLED_ERROR_EVENT", unhandledError(element.errorCode(), ""));
          }
        }
        case TERMINATE_END -> terminateScope(instance);
        case JOB_TASK -> {
          openBoundaries(instance, element);
          createJob(instance, element);
        }
        case DECISION_TASK -> evaluateCalledDecision(instance, element);
        case RECEIVE_TASK -> {
          openBoundaries(instance, element);
          openSubscription(instance, element);
        }
        case MESSAGE_CATCH -> openSubscription(instance, element);
        case TIMER_CATCH -> openTimer(instance, element);
        case EXCLUSIVE_GATEWAY -> {
          Flow flow = chooseFlow(instance, element);
          leave(instance, element, List.of(flow));
        }
        case EVENT_GATEWAY -> {
          ProcessModel model = model(instance);
          for (String target : element.eventTargets()) {
            Element event = model.element(target);
            if (event.kind() == ElementKind.TIMER_CATCH) openTimer(instance, event);
            else openSubscription(instance, event);
          }
        }
        case SUB_PROCESS -> {
          openBoundaries(instance, element);
          Element start = model(instance).element(element.innerStartId());
          agenda.add(() -> activate(start, instance, null, false));
        }
        case CALL_ACTIVITY -> {
          openBoundaries(instance, element);
          callProcess(instance, element);
        }
        default -> throw new IllegalStateException("Cannot enter " + element.kind());
      }
    } catch (StepFailure failure) {
      closeEvents(instance);
      raiseIncident(instance, failure, "ACTIVATE", null);
    } catch (Feel.FeelException failure) {
      closeEvents(instance);
      raiseIncident(instance, new StepFailure("EXTRACT_VALUE_ERROR", failure.getMessage()), "ACTIVATE", null);
    }
  }

  /** Completes an element: applies the result variables and output mappings, then takes its outgoing flows. */
  private void complete(ElementInstance instance, ObjectNode result) {
    Element element = element(instance);
    try {
      if (result != null && !result.isEmpty()) {
        if (element.outputs().isEmpty()) {
          merge(instance, result);
        } else {
          setLocal(instance, result);
        }
      }
      applyOutputs(instance, element);
    } catch (StepFailure failure) {
      raiseIncident(instance, failure, "COMPLETE", result);
      return;
    } catch (Feel.FeelException failure) {
      raiseIncident(instance, new StepFailure("EXTRACT_VALUE_ERROR", failure.getMessage()), "COMPLETE", result);
      return;
    }
    leave(instance, element, element.outgoing());
  }

  private void leave(ElementInstance instance, Element element, List<Flow> flows) {
    closeEvents(instance);
    ElementInstance scope = remove(instance);
    ProcessModel model = model(scope);
    for (Flow flow : flows) {
      Element target = model.element(flow.targetId());
      if (target.kind() == ElementKind.PARALLEL_GATEWAY && target.incomingCount() > 1) {
        Map<String, Integer> tokens = scope.joins.computeIfAbsent(target.id(), k -> new HashMap<>());
        tokens.merge(flow.id(), 1, Integer::sum);
        List<String> incoming = incomingFlows(model, target.id());
        if (incoming.stream().allMatch(id -> tokens.getOrDefault(id, 0) > 0)) {
          incoming.forEach(id -> tokens.merge(id, -1, Integer::sum));
          tokens.values().removeIf(n -> n <= 0);
          if (tokens.isEmpty()) scope.joins.remove(target.id());
          agenda.add(() -> activate(target, scope, null, false));
        }
      } else {
        agenda.add(() -> activate(target, scope, null, false));
      }
    }
    if (flows.isEmpty()) {
      agenda.add(() -> completeScopeIfDone(scope));
    }
  }

  private void completeScopeIfDone(ElementInstance scope) {
    if (!state.instances.containsKey(scope.key) || !scope.children.isEmpty() || !scope.joins.isEmpty()
        || scope.incidentKey != -1) {
      return;
    }
    if (scope.flowScopeKey == -1) {
      completeProcess(scope);
    } else {
      complete(scope, null);
    }
  }

  private void completeProcess(ElementInstance root) {
    state.instances.remove(root.key);
    releaseStartLock(root);
    listener.processEnded(root.key, root.variables == null ? NODES.objectNode() : root.variables, true);
    if (root.parentElementInstanceKey != -1) {
      ElementInstance callActivity = state.instances.get(root.parentElementInstanceKey);
      if (callActivity != null) {
        callActivity.calledInstanceKey = -1;
        Element element = element(callActivity);
        ObjectNode result = element.propagateAllChildVariables() && root.variables != null ? root.variables : NODES.objectNode();
        if (!element.propagateAllChildVariables() && !element.outputs().isEmpty() && root.variables != null) {
          setLocal(callActivity, root.variables);
        }
        complete(callActivity, result);
      }
    }
  }

  private void terminateScope(ElementInstance endEvent) {
    ElementInstance scope = state.instances.get(endEvent.flowScopeKey);
    for (Long child : new ArrayList<>(scope.children)) {
      if (child != endEvent.key) {
        ElementInstance sibling = state.instances.get(child);
        if (sibling != null) terminate(sibling);
      }
    }
    scope.joins.clear();
    complete(endEvent, null);
  }

  /** Terminates an element instance and everything below it; a process instance ends as terminated. */
  private void terminate(ElementInstance instance) {
    for (Long child : new ArrayList<>(instance.children)) {
      ElementInstance childInstance = state.instances.get(child);
      if (childInstance != null) terminate(childInstance);
    }
    closeEvents(instance);
    if (instance.jobKey != -1) {
      Job job = state.jobs.get(instance.jobKey);
      if (job != null) removeJob(job);
    }
    if (instance.calledInstanceKey != -1) {
      ElementInstance called = state.instances.get(instance.calledInstanceKey);
      if (called != null) terminate(called);
    }
    if (instance.incidentKey != -1) {
      state.incidents.remove(instance.incidentKey);
    }
    instance.joins.clear();
    if (instance.flowScopeKey == -1) {
      state.instances.remove(instance.key);
      releaseStartLock(instance);
      listener.processEnded(instance.key, null, false);
    } else {
      remove(instance);
    }
  }

  private ElementInstance remove(ElementInstance instance) {
    state.instances.remove(instance.key);
    ElementInstance scope = state.instances.get(instance.flowScopeKey);
    if (scope != null) {
      scope.children.remove(instance.key);
    }
    return scope;
  }

  private void trigger(ElementInstance owner, Element event, ObjectNode variables) {
    Element ownerElement = element(owner);
    if (ownerElement.kind() == ElementKind.EVENT_GATEWAY) {
      closeEvents(owner);
      ElementInstance scope = remove(owner);
      activate(event, scope, variables, true);
    } else if (event.kind().isBoundary()) {
      ElementInstance scope = state.instances.get(owner.flowScopeKey);
      if (event.interrupting()) {
        terminate(owner);
      }
      activate(event, scope, variables, true);
    } else {
      complete(owner, variables);
    }
  }

  private boolean catchError(ElementInstance source, String errorCode, ObjectNode variables) {
    ElementInstance current = source;
    while (current != null) {
      Element element = element(current);
      Element catcher = null;
      for (String boundaryId : element.boundaryIds()) {
        Element boundary = model(current).element(boundaryId);
        if (boundary.kind() == ElementKind.ERROR_BOUNDARY) {
          if (errorCode != null && errorCode.equals(boundary.errorCode())) {
            catcher = boundary;
            break;
          }
          if (boundary.errorCode() == null && catcher == null) {
            catcher = boundary;
          }
        }
      }
      if (catcher != null) {
        ElementInstance scope = state.instances.get(current.flowScopeKey);
        terminate(current);
        Element caught = catcher;
        agenda.add(() -> activate(caught, scope, variables, true));
        return true;
      }
      if (current.flowScopeKey != -1) {
        current = state.instances.get(current.flowScopeKey);
      } else if (current.parentElementInstanceKey != -1) {
        current = state.instances.get(current.parentElementInstanceKey);
      } else {
        current = null;
      }
    }
    return false;
  }

  private static String unhandledError(String code, String message) {
    return "Expected to throw an error event with the code '" + code + "' with message '" + nullToEmpty(message)
        + "', but it was not caught. No error events are available in the scope.";
  }

  private void createJob(ElementInstance instance, Element element) {
    JsonNode type = Feel.isExpression(element.jobType()) ? feel.evaluate(element.jobType(), context(instance))
        : NODES.textNode(element.jobType());
    if (!type.isTextual() || type.textValue().isBlank()) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", "Expected result of the expression '" + element.jobType()
          + "' to be 'STRING', but was '" + type.getNodeType() + "'");
    }
    JsonNode retries = Feel.isExpression(element.jobRetries()) ? feel.evaluate(element.jobRetries(), context(instance))
        : parseNumber(element.jobRetries());
    if (!retries.isNumber()) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", "Expected result of the expression '" + element.jobRetries()
          + "' to be 'NUMBER', but was '" + retries.getNodeType() + "'");
    }
    Job job = new Job();
    job.key = state.nextKey();
    job.type = type.textValue();
    job.elementInstanceKey = instance.key;
    job.processInstanceKey = instance.processInstanceKey;
    job.processDefinitionKey = instance.processDefinitionKey;
    job.bpmnProcessId = instance.bpmnProcessId;
    job.version = instance.version;
    job.elementId = element.id();
    job.headers.putAll(element.headers());
    job.retries = retries.intValue();
    state.jobs.put(job.key, job);
    instance.jobKey = job.key;
    makeActivatable(job);
  }

  private static JsonNode parseNumber(String text) {
    try {
      return NODES.numberNode(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return NODES.textNode(text);
    }
  }

  private void evaluateCalledDecision(ElementInstance instance, Element element) {
    JsonNode decisionId = feel.evaluate(element.decisionId(), context(instance));
    Decision decision = decisionId.isTextual() ? latestDecision(decisionId.textValue()) : null;
    if (decision == null) {
      throw new StepFailure("CALLED_DECISION_ERROR", "Expected to evaluate decision '" + decisionId.asText()
          + "', but no decision found for id '" + decisionId.asText() + "'");
    }
    DecisionEngine.Evaluation evaluation =
        decisions.evaluate(parsedDmn(decision.requirementsKey).parsed(), decision.decisionId, context(instance));
    if (evaluation.failed()) {
      throw new StepFailure("DECISION_EVALUATION_ERROR", "Expected to evaluate decision '" + decision.decisionId
          + "', but " + evaluation.failureMessage());
    }
    ObjectNode result = NODES.objectNode();
    result.set(element.resultVariable(), evaluation.output());
    complete(instance, result);
  }

  private void callProcess(ElementInstance instance, Element element) {
    JsonNode processId = feel.evaluate(element.calledProcessId(), context(instance));
    ProcessDefinition definition = processId.isTextual() ? latestProcess(processId.textValue()) : null;
    if (definition == null) {
      throw new StepFailure("CALLED_ELEMENT_ERROR", "Expected process with BPMN process id '" + processId.asText()
          + "' to be deployed, but not found.");
    }
    ProcessModel model = model(definition);
    if (model.noneStartId() == null) {
      throw new StepFailure("CALLED_ELEMENT_ERROR", "Expected process with BPMN process id '" + definition.processId
          + "' to have a none start event, but not found.");
    }
    ObjectNode variables = element.propagateAllParentVariables() ? visible(instance)
        : (instance.variables == null ? NODES.objectNode() : instance.variables.deepCopy());
    ElementInstance child = startInstance(definition, model.noneStartId(), variables, instance.key, null);
    instance.calledInstanceKey = child.key;
  }

  private Flow chooseFlow(ElementInstance instance, Element gateway) {
    Map<String, Object> context = context(instance);
    Flow fallback = null;
    for (Flow flow : gateway.outgoing()) {
      if (flow.id().equals(gateway.defaultFlowId())) {
        fallback = flow;
        continue;
      }
      if (flow.condition() == null) {
        if (gateway.outgoing().size() == 1) return flow;
        continue;
      }
      JsonNode result = feel.evaluate(flow.condition(), context);
      if (!result.isBoolean()) {
        throw new StepFailure("CONDITION_ERROR", "Expected result of the expression '" + flow.condition().substring(1).trim()
            + "' to be 'BOOLEAN', but was '" + result.getNodeType() + "'.");
      }
      if (result.booleanValue()) return flow;
    }
    if (fallback != null) return fallback;
    throw new StepFailure("CONDITION_ERROR",
        "Expected at least one condition to evaluate to true, or to have a default flow");
  }

  // ---------------------------------------------------------------- events

  private void openBoundaries(ElementInstance instance, Element element) {
    ProcessModel model = model(instance);
    for (String boundaryId : element.boundaryIds()) {
      Element boundary = model.element(boundaryId);
      if (boundary.kind() == ElementKind.TIMER_BOUNDARY) openTimer(instance, boundary);
      else if (boundary.kind() == ElementKind.MESSAGE_BOUNDARY) openSubscription(instance, boundary);
    }
  }

  private void closeEvents(ElementInstance instance) {
    for (Long key : instance.eventKeys) {
      state.timers.remove(key);
      Subscription subscription = state.subscriptions.remove(key);
      if (subscription != null) {
        unindex(subscription);
      }
    }
    instance.eventKeys.clear();
  }

  private void unindex(Subscription subscription) {
    String indexKey = indexKey(subscription.messageName, subscription.correlationKey);
    List<Long> keys = subscriptionIndex.get(indexKey);
    if (keys != null) {
      keys.remove(subscription.key);
      if (keys.isEmpty()) subscriptionIndex.remove(indexKey);
    }
  }

  private void openTimer(ElementInstance owner, Element event) {
    Timer timer = newTimer(event, context(owner), now);
    timer.elementInstanceKey = owner.key;
    timer.processDefinitionKey = owner.processDefinitionKey;
    registerTimer(timer);
    owner.eventKeys.add(timer.key);
  }

  private void registerTimer(Timer timer) {
    if (timer.key == 0) {
      timer.key = state.nextKey();
    }
    state.timers.put(timer.key, timer);
    due.add(new Due(timer.dueDate, DueKind.TIMER, timer.key));
  }

  private Timer newTimer(Element event, Map<String, Object> context, long from) {
    Element.TimerDefinition definition = event.timer();
    JsonNode value = feel.evaluate(definition.expression(), context);
    String text = value.isTextual() ? value.textValue().trim() : value.toString();
    Timer timer = new Timer();
    timer.elementId = event.id();
    try {
      switch (definition.kind()) {
        case DURATION -> timer.dueDate = from + durationMillis(text);
        case DATE -> timer.dueDate = parseDate(text);
        case CYCLE -> {
          if (!text.startsWith("R")) {
            throw new StepFailure("EXTRACT_VALUE_ERROR", "Invalid time cycle '" + text
                + "': the local engine supports ISO 8601 repeating intervals (R3/PT1S, R/P1D, R2/2025-01-01T00:00Z/PT1H), not cron");
          }
          String[] parts = text.split("/");
          int repetitions = parts[0].length() == 1 ? -1 : Integer.parseInt(parts[0].substring(1));
          long interval = durationMillis(parts[parts.length - 1]);
          timer.dueDate = parts.length == 3 ? parseDate(parts[1]) : from + interval;
          timer.intervalMillis = interval;
          timer.repetitions = repetitions < 0 ? -1 : Math.max(0, repetitions - 1);
        }
      }
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", "Invalid timer " + definition.kind().name().toLowerCase()
          + " '" + text + "': " + e.getMessage());
    }
    return timer;
  }

  private static long durationMillis(String text) {
    int t = text.indexOf('T');
    String datePart = t < 0 ? text : text.substring(0, t);
    long millis = 0;
    if (datePart.length() > 1) {
      Period period = Period.parse(datePart);
      millis += Duration.ofDays(period.toTotalMonths() * 30 + period.getDays()).toMillis();
    }
    if (t >= 0) {
      millis += Duration.parse("P" + text.substring(t)).toMillis();
    }
    if (datePart.length() <= 1 && t < 0) {
      throw new DateTimeParseException("not an ISO 8601 duration", text, 0);
    }
    return millis;
  }

  private static long parseDate(String text) {
    try {
      return ZonedDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }
  }

  private void openSubscription(ElementInstance owner, Element event) {
    Map<String, Object> context = context(owner);
    JsonNode name = feel.evaluate(event.messageName(), context);
    if (!name.isTextual()) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", "Expected result of the expression '" + event.messageName()
          + "' to be 'STRING', but was '" + name.getNodeType() + "'");
    }
    JsonNode key = feel.evaluate(event.correlationKey(), context);
    String correlationKey;
    if (key.isTextual()) {
      correlationKey = key.textValue();
    } else if (key.isNumber()) {
      correlationKey = key.isIntegralNumber() ? key.asText() : key.decimalValue().toPlainString();
    } else {
      throw new StepFailure("EXTRACT_VALUE_ERROR", "Failed to extract the correlation key for '"
          + event.correlationKey().substring(1).trim() + "': The value must be either a string or a number, but was '"
          + key.getNodeType() + "'.");
    }
    Subscription subscription = new Subscription();
    subscription.key = state.nextKey();
    subscription.elementInstanceKey = owner.key;
    subscription.elementId = event.id();
    subscription.processInstanceKey = owner.processInstanceKey;
    subscription.bpmnProcessId = owner.bpmnProcessId;
    subscription.messageName = name.textValue();
    subscription.correlationKey = correlationKey;
    state.subscriptions.put(subscription.key, subscription);
    subscriptionIndex.computeIfAbsent(indexKey(subscription.messageName, correlationKey), k -> new ArrayList<>()).add(subscription.key);
    owner.eventKeys.add(subscription.key);
    agenda.add(() -> correlateBuffered(subscription.key));
  }

  private void correlateBuffered(long subscriptionKey) {
    Subscription subscription = state.subscriptions.get(subscriptionKey);
    if (subscription == null) {
      return;
    }
    for (Long messageKey : new ArrayList<>(messageIndex.getOrDefault(indexKey(subscription.messageName, subscription.correlationKey), List.of()))) {
      Message message = state.messages.get(messageKey);
      if (message != null && message.deadline > now && !message.correlatedProcessIds.contains(subscription.bpmnProcessId)) {
        correlate(subscription, message);
        return;
      }
    }
  }

  private void correlate(Subscription subscription, Message message) {
    ElementInstance owner = state.instances.get(subscription.elementInstanceKey);
    if (owner == null) {
      return;
    }
    Element event = model(owner).element(subscription.elementId);
    boolean staysOpen = event.kind() == ElementKind.MESSAGE_BOUNDARY && !event.interrupting();
    if (!staysOpen) {
      state.subscriptions.remove(subscription.key);
      unindex(subscription);
      owner.eventKeys.remove(subscription.key);
    }
    message.correlatedProcessIds.add(subscription.bpmnProcessId);
    trigger(owner, event, message.variables.deepCopy());
  }

  private void startByMessage(Message message) {
    for (ProcessDefinition definition : latestDefinitions()) {
      if (message.correlatedProcessIds.contains(definition.processId)) {
        continue;
      }
      ProcessModel model = model(definition);
      for (String startId : model.messageStartIds()) {
        Element start = model.element(startId);
        if (!start.messageName().equals(message.name)) {
          continue;
        }
        if (!message.correlationKey.isEmpty()
            && state.messageStartLocks.containsKey(lockKey(definition.processId, message.correlationKey))) {
          break;
        }
        message.correlatedProcessIds.add(definition.processId);
        startInstance(definition, startId, message.variables, -1, message.correlationKey);
        break;
      }
    }
  }

  private void releaseStartLock(ElementInstance root) {
    if (root.startedByCorrelationKey == null) {
      return;
    }
    state.messageStartLocks.remove(lockKey(root.bpmnProcessId, root.startedByCorrelationKey));
    ProcessDefinition latest = latestProcess(root.bpmnProcessId);
    if (latest == null) {
      return;
    }
    ProcessModel model = model(latest);
    for (String startId : model.messageStartIds()) {
      Element start = model.element(startId);
      for (Long messageKey : messageIndex.getOrDefault(indexKey(start.messageName(), root.startedByCorrelationKey), List.of())) {
        Message message = state.messages.get(messageKey);
        if (message != null && message.deadline > now && !message.correlatedProcessIds.contains(latest.processId)) {
          message.correlatedProcessIds.add(latest.processId);
          startInstance(latest, startId, message.variables, -1, message.correlationKey);
          return;
        }
      }
    }
  }

  // ---------------------------------------------------------------- variables

  private void applyInputs(ElementInstance instance, Element element) {
    for (Mapping input : element.inputs()) {
      JsonNode value = feel.evaluate(input.source(), context(instance));
      setPath(instance, input.target(), value, true);
    }
  }

  private void applyOutputs(ElementInstance instance, Element element) {
    if (element.outputs().isEmpty()) {
      return;
    }
    Map<String, Object> context = context(instance);
    List<Map.Entry<String, JsonNode>> results = new ArrayList<>();
    for (Mapping output : element.outputs()) {
      results.add(Map.entry(output.target(), feel.evaluate(output.source(), context)));
    }
    ElementInstance scope = state.instances.get(instance.flowScopeKey);
    for (Map.Entry<String, JsonNode> result : results) {
      setPath(scope, result.getKey(), result.getValue(), false);
    }
  }

  /** Sets a variable given by a name or a dotted path, locally or by propagation as Zeebe does. */
  private void setPath(ElementInstance scope, String target, JsonNode value, boolean local) {
    String[] path = target.trim().split("\\.");
    JsonNode newValue = value;
    if (path.length > 1) {
      JsonNode existing = local ? (scope.variables == null ? null : scope.variables.get(path[0])) : visible(scope).get(path[0]);
      ObjectNode root = existing != null && existing.isObject() ? ((ObjectNode) existing).deepCopy() : NODES.objectNode();
      ObjectNode node = root;
      for (int i = 1; i < path.length - 1; i++) {
        JsonNode next = node.get(path[i]);
        node = next != null && next.isObject() ? (ObjectNode) next : node.putObject(path[i]);
      }
      node.set(path[path.length - 1], value);
      newValue = root;
    }
    if (local) {
      locals(scope).set(path[0], newValue);
    } else {
      propagate(scope, path[0], newValue);
    }
  }

  private void setLocal(ElementInstance instance, ObjectNode variables) {
    if (!variables.isEmpty()) {
      locals(instance).setAll(variables);
    }
  }

  /** Merges a document from a scope upwards: each variable goes where it exists, else to the root. */
  private void merge(ElementInstance scope, ObjectNode variables) {
    variables.fields().forEachRemaining(e -> propagate(scope, e.getKey(), e.getValue()));
  }

  private void propagate(ElementInstance start, String name, JsonNode value) {
    ElementInstance scope = start;
    ElementInstance root = start;
    while (scope != null) {
      if (scope.variables != null && scope.variables.has(name)) {
        scope.variables.set(name, value);
        return;
      }
      root = scope;
      scope = scope.flowScopeKey == -1 ? null : state.instances.get(scope.flowScopeKey);
    }
    locals(root).set(name, value);
  }

  private static ObjectNode locals(ElementInstance instance) {
    if (instance.variables == null) {
      instance.variables = NODES.objectNode();
    }
    return instance.variables;
  }

  /** All variables visible from an element instance, the nearest scope winning. */
  private ObjectNode visible(ElementInstance instance) {
    ObjectNode all = NODES.objectNode();
    ElementInstance scope = instance;
    while (scope != null) {
      if (scope.variables != null) {
        scope.variables.fields().forEachRemaining(e -> {
          if (!all.has(e.getKey())) all.set(e.getKey(), e.getValue());
        });
      }
      scope = scope.flowScopeKey == -1 ? null : state.instances.get(scope.flowScopeKey);
    }
    return all;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> context(ElementInstance instance) {
    return (Map<String, Object>) Values.toJava(visible(instance));
  }

  private ObjectNode document(String intent, String json) {
    try {
      return Values.parseDocument(json);
    } catch (IllegalArgumentException e) {
      throw new Rejection(intent, Type.INVALID_ARGUMENT, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- incidents and lookups

  private void raiseIncident(ElementInstance instance, StepFailure failure, String step, ObjectNode variables) {
    Incident incident = createIncident(failure.incidentType(), failure.getMessage(), instance, -1);
    instance.incidentKey = incident.key;
    instance.pendingStep = step;
    instance.pendingVariables = variables;
  }

  private Incident createIncident(String type, String message, ElementInstance instance, long jobKey) {
    Incident incident = new Incident();
    incident.key = state.nextKey();
    incident.type = type;
    incident.message = message;
    incident.elementInstanceKey = instance.key;
    incident.processInstanceKey = instance.processInstanceKey;
    incident.jobKey = jobKey;
    state.incidents.put(incident.key, incident);
    return incident;
  }

  private Element element(ElementInstance instance) {
    ProcessModel model = model(instance);
    if (instance.flowScopeKey == -1) {
      return rootElement(model);
    }
    return model.element(instance.elementId);
  }

  private static Element rootElement(ProcessModel model) {
    return new Element(model.processId(), "process", ElementKind.SUB_PROCESS, null, List.of(), 0, null, null, null,
        Map.of(), List.of(), List.of(), null, null, null, null, true, null, List.of(), null, true, true, null, null,
        model.noneStartId(), List.of());
  }

  private ProcessModel model(ElementInstance instance) {
    return model(state.processes.get(instance.processDefinitionKey));
  }

  private ProcessModel model(ProcessDefinition definition) {
    return models.computeIfAbsent(definition.key, k -> parser.parse(definition.resourceName,
            definition.resource.getBytes(StandardCharsets.UTF_8)).stream()
        .filter(m -> m.processId().equals(definition.processId)).findFirst().orElseThrow());
  }

  private DecisionEngine.ParsedResource parsedDmn(long requirementsKey) {
    return parsedDecisions.computeIfAbsent(requirementsKey, k -> {
      DecisionRequirements drg = state.decisionRequirements.get(k);
      return decisions.parse(drg.resourceName, drg.resource.getBytes(StandardCharsets.UTF_8));
    });
  }

  private List<String> incomingFlows(ProcessModel model, String targetId) {
    List<String> flows = new ArrayList<>();
    for (Element element : model.elements().values()) {
      for (Flow flow : element.outgoing()) {
        if (flow.targetId().equals(targetId)) flows.add(flow.id());
      }
    }
    return flows;
  }

  private ProcessDefinition latestProcess(String processId) {
    ProcessDefinition latest = null;
    for (ProcessDefinition definition : state.processes.values()) {
      if (definition.processId.equals(processId) && (latest == null || definition.version > latest.version)) {
        latest = definition;
      }
    }
    return latest;
  }

  private List<ProcessDefinition> latestDefinitions() {
    Map<String, ProcessDefinition> latest = new LinkedHashMap<>();
    for (ProcessDefinition definition : state.processes.values()) {
      latest.merge(definition.processId, definition, (a, b) -> a.version >= b.version ? a : b);
    }
    return new ArrayList<>(latest.values());
  }

  private Decision latestDecision(String decisionId) {
    Decision latest = null;
    for (Decision decision : state.decisions.values()) {
      if (decision.decisionId.equals(decisionId) && (latest == null || decision.version > latest.version)) {
        latest = decision;
      }
    }
    return latest;
  }

  private static String indexKey(String name, String correlationKey) {
    return name + '\u0000' + correlationKey;
  }

  private static String lockKey(String processId, String correlationKey) {
    return processId + '\u0000' + correlationKey;
  }

  private static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

}
