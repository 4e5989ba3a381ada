package dev.arbiter.localengine.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A state change the processor accepted, as written to the journal. Replaying the same commands
 * with the same timestamps rebuilds the same state: everything a command decides (which jobs, which
 * timer) is in the command.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "c")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Command.Deploy.class, name = "deploy"),
  @JsonSubTypes.Type(value = Command.CreateInstance.class, name = "create"),
  @JsonSubTypes.Type(value = Command.CancelInstance.class, name = "cancel"),
  @JsonSubTypes.Type(value = Command.CompleteJob.class, name = "complete"),
  @JsonSubTypes.Type(value = Command.FailJob.class, name = "fail"),
  @JsonSubTypes.Type(value = Command.ThrowError.class, name = "throw"),
  @JsonSubTypes.Type(value = Command.UpdateRetries.class, name = "retries"),
  @JsonSubTypes.Type(value = Command.UpdateTimeout.class, name = "timeout"),
  @JsonSubTypes.Type(value = Command.PublishMessage.class, name = "publish"),
  @JsonSubTypes.Type(value = Command.SetVariables.class, name = "variables"),
  @JsonSubTypes.Type(value = Command.ResolveIncident.class, name = "resolve"),
  @JsonSubTypes.Type(value = Command.EvaluateDecision.class, name = "evaluate"),
  @JsonSubTypes.Type(value = Command.ActivateJobs.class, name = "activate"),
  @JsonSubTypes.Type(value = Command.YieldJobs.class, name = "yield"),
  @JsonSubTypes.Type(value = Command.TriggerTimer.class, name = "timer"),
  @JsonSubTypes.Type(value = Command.TimeOutJob.class, name = "jobTimeout"),
  @JsonSubTypes.Type(value = Command.RecurJob.class, name = "recur"),
  @JsonSubTypes.Type(value = Command.ExpireMessage.class, name = "expire")
})
public sealed interface Command {

  record Resource(String name, byte[] content) {}

  record Deploy(List<Resource> resources) implements Command {}

  record CreateInstance(long definitionKey, String processId, int version, String variables)
      implements Command {}

  record CancelInstance(long processInstanceKey) implements Command {}

  record CompleteJob(long jobKey, String variables) implements Command {}

  record FailJob(long jobKey, int retries, String errorMessage, long retryBackOff, String variables)
      implements Command {}

  record ThrowError(long jobKey, String errorCode, String errorMessage, String variables)
      implements Command {}

  record UpdateRetries(long jobKey, int retries) implements Command {}

  record UpdateTimeout(long jobKey, long timeout) implements Command {}

  record PublishMessage(
      String name, String correlationKey, long timeToLive, String messageId, String variables)
      implements Command {}

  record SetVariables(long scopeKey, String variables, boolean local) implements Command {}

  record ResolveIncident(long incidentKey) implements Command {}

  record EvaluateDecision(long decisionKey, String decisionId, String variables) implements Command {}

  record ActivateJobs(List<Long> jobKeys, String worker, long timeout) implements Command {}

  record YieldJobs(List<Long> jobKeys) implements Command {}

  record TriggerTimer(long timerKey) implements Command {}

  record TimeOutJob(long jobKey) implements Command {}

  record RecurJob(long jobKey) implements Command {}

  record ExpireMessage(long messageKey) implements Command {}
}
