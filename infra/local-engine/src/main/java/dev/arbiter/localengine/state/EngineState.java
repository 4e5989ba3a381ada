package dev.arbiter.localengine.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Everything the engine knows, owned by the single processing thread. Plain mutable fields so that
 * a snapshot is one JSON document.
 */
public final class EngineState {

  /** Zeebe puts the partition id in the upper bits of every key; we are partition 1. */
  public static final long KEY_BASE = 1L << 51;

  public long keyCounter;
  public Map<Long, ProcessDefinition> processes = new LinkedHashMap<>();
  public Map<Long, DecisionRequirements> decisionRequirements = new LinkedHashMap<>();
  public Map<Long, Decision> decisions = new LinkedHashMap<>();
  public Map<Long, ElementInstance> instances = new HashMap<>();
  public Map<Long, Job> jobs = new LinkedHashMap<>();
  public Map<Long, Timer> timers = new HashMap<>();
  public Map<Long, Subscription> subscriptions = new LinkedHashMap<>();
  public Map<Long, Message> messages = new LinkedHashMap<>();
  public Map<Long, Incident> incidents = new LinkedHashMap<>();
  /** Process id + correlation key of instances started by a message, for message start uniqueness. */
  public Map<String, Long> messageStartLocks = new HashMap<>();

  public long nextKey() {
    return KEY_BASE + (++keyCounter);
  }

  public static final class ProcessDefinition {
    public long key;
    public String processId;
    public int version;
    public String resourceName;
    public String checksum;
    public String resource;
  }

  public static final class DecisionRequirements {
    public long key;
    public String drgId;
    public String name;
    public int version;
    public String resourceName;
    public String checksum;
    public String resource;
  }

  public static final class Decision {
    public long key;
    public String decisionId;
    public String name;
    public int version;
    public long requirementsKey;
    public String requirementsId;
  }

  public static final class ElementInstance {
    public long key;
    public String elementId;
    public long processInstanceKey;
    public long processDefinitionKey;
    public String bpmnProcessId;
    public int version;
    /** -1 for a process instance. */
    public long flowScopeKey = -1;
    /** For a called process instance: the call activity instance in the parent; otherwise -1. */
    public long parentElementInstanceKey = -1;
    public ObjectNode variables;
    public LinkedHashSet<Long> children = new LinkedHashSet<>();
    public long jobKey = -1;
    public long calledInstanceKey = -1;
    /** Timers and message subscriptions this instance owns, boundary events included. */
    public LinkedHashSet<Long> eventKeys = new LinkedHashSet<>();
    /** Parallel join tokens in this scope: gateway id -> incoming flow id -> waiting tokens. */
    public Map<String, Map<String, Integer>> joins = new HashMap<>();
    public String startedByCorrelationKey;
    /** The step that failed with an incident and is retried when the incident is resolved. */
    public String pendingStep;
    public ObjectNode pendingVariables;
    public long incidentKey = -1;
  }

  public static final class Job {
    public long key;
    public String type;
    public long elementInstanceKey;
    public long processInstanceKey;
    public long processDefinitionKey;
    public String bpmnProcessId;
    public int version;
    public String elementId;
    public Map<String, String> headers = new LinkedHashMap<>();
    public int retries;
    public JobState state = JobState.ACTIVATABLE;
    public String worker = "";
    public long deadline = -1;
    public long recurAt = -1;
    public String errorMessage = "";
    public long incidentKey = -1;
  }

  public enum JobState {
    ACTIVATABLE,
    ACTIVATED,
    BACKING_OFF,
    FAILED,
    ERROR_THROWN
  }

  public static final class Timer {
    public long key;
    /** The instance that waits for the timer; -1 for a timer start event. */
    public long elementInstanceKey = -1;
    public long processDefinitionKey;
    public String elementId;
    public long dueDate;
    /** Repetitions left after this one; -1 repeats forever. */
    public int repetitions;
    public long intervalMillis;
  }

  public static final class Subscription {
    public long key;
    public long elementInstanceKey;
    public String elementId;
    public long processInstanceKey;
    public String bpmnProcessId;
    public String messageName;
    public String correlationKey;
  }

  public static final class Message {
    public long key;
    public String name;
    public String correlationKey;
    public String messageId;
    public ObjectNode variables;
    public long deadline;
    public LinkedHashSet<String> correlatedProcessIds = new LinkedHashSet<>();
  }

  public static final class Incident {
    public long key;
    public String type;
    public String message;
    public long elementInstanceKey;
    public long processInstanceKey;
    public long jobKey = -1;
  }
}
