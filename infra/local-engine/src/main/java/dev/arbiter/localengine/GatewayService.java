package dev.arbiter.localengine;

import dev.arbiter.localengine.journal.Command;
import dev.arbiter.localengine.processing.Processor;
import dev.arbiter.localengine.processing.Rejection;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Zeebe gateway gRPC API over the processor. Requests become journaled commands; answers and
 * errors come back as the Zeebe gateway gives them.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

  private static final String VERSION = "8.8.14";
  /** The Zeebe gateway's long-polling timeout when a request does not set one. */
  private static final long DEFAULT_LONG_POLL_MILLIS = 10_000;

  private final Processor processor;

  GatewayService(Processor processor) {
    this.processor = processor;
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    observer.onNext(TopologyResponse.newBuilder()
        .addBrokers(BrokerInfo.newBuilder().setNodeId(0).setHost("127.0.0.1").setPort(0).setVersion(VERSION)
            .addPartitions(Partition.newBuilder().setPartitionId(1)
                .setRole(Partition.PartitionBrokerRole.LEADER)
                .setHealth(Partition.PartitionBrokerHealth.HEALTHY)))
        .setClusterSize(1).setPartitionsCount(1).setReplicationFactor(1).setGatewayVersion(VERSION).build());
    observer.onCompleted();
  }

  @Override
  public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    List<Command.Resource> resources = request.getResourcesList().stream()
        .map(r -> new Command.Resource(r.getName(), r.getContent().toByteArray())).toList();
    reply(processor.submit(new Command.Deploy(resources)), observer);
  }

  @Override
  public void createProcessInstance(CreateProcessInstanceRequest request,
      StreamObserver<CreateProcessInstanceResponse> observer) {
    if (refuseInstructions(request, observer)) {
      return;
    }
    reply(processor.submit(toCommand(request)), observer);
  }

  @Override
  public void createProcessInstanceWithResult(CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    if (refuseInstructions(request.getRequest(), observer)) {
      return;
    }
    CompletableFuture<Object> result =
        processor.submitWithResult(toCommand(request.getRequest()), request.getFetchVariablesList());
    ((ServerCallStreamObserver<CreateProcessInstanceWithResultResponse>) observer)
        .setOnCancelHandler(() -> result.cancel(false));
    reply(result, observer);
  }

  /** Start and runtime instructions change where an instance starts or stops; the local engine does not. */
  private static boolean refuseInstructions(CreateProcessInstanceRequest request, StreamObserver<?> observer) {
    if (request.getStartInstructionsCount() == 0 && request.getRuntimeInstructionsCount() == 0) {
      return false;
    }
    observer.onError(Status.INVALID_ARGUMENT.withDescription(
        "Expected to create a process instance at its none start event, but start or runtime instructions were given;"
            + " the local engine does not support them").asRuntimeException());
    return true;
  }

  private static Command.CreateInstance toCommand(CreateProcessInstanceRequest request) {
    return new Command.CreateInstance(request.getProcessDefinitionKey(), request.getBpmnProcessId(),
        request.getVersion(), request.getVariables());
  }

  @Override
  public void cancelProcessInstance(CancelProcessInstanceRequest request,
      StreamObserver<CancelProcessInstanceResponse> observer) {
    reply(processor.submit(new Command.CancelInstance(request.getProcessInstanceKey())), observer);
  }

  @Override
  public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    if (request.getType().isBlank() || request.getMaxJobsToActivate() < 1 || request.getTimeout() < 1) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(
          "Expected a job type, maxJobsToActivate greater than 0 and a timeout greater than 0, but got type '"
              + request.getType() + "', maxJobsToActivate " + request.getMaxJobsToActivate()
              + ", timeout " + request.getTimeout()).asRuntimeException());
      return;
    }
    ServerCallStreamObserver<ActivateJobsResponse> call = (ServerCallStreamObserver<ActivateJobsResponse>) observer;
    Processor.JobPoll poll = new Processor.JobPoll(request.getType(), request.getWorker(), request.getTimeout(),
        request.getMaxJobsToActivate(), request.getFetchVariableList(), call);
    call.setOnCancelHandler(() -> processor.removePoll(poll));
    long requestTimeout = request.getRequestTimeout() == 0 ? DEFAULT_LONG_POLL_MILLIS : request.getRequestTimeout();
    processor.addPoll(poll, requestTimeout);
  }

  @Override
  public void streamActivatedJobs(StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> observer) {
    if (request.getType().isBlank() || request.getTimeout() < 1) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(
          "Expected a job type and a timeout greater than 0, but got type '" + request.getType()
              + "', timeout " + request.getTimeout()).asRuntimeException());
      return;
    }
    ServerCallStreamObserver<ActivatedJob> call = (ServerCallStreamObserver<ActivatedJob>) observer;
    Processor.JobStream stream = new Processor.JobStream(request.getType(), request.getWorker(), request.getTimeout(),
        request.getFetchVariableList(), call);
    call.setOnCancelHandler(() -> processor.removeStream(stream));
    processor.addStream(stream);
  }

  @Override
  public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    reply(processor.submit(new Command.CompleteJob(request.getJobKey(), request.getVariables())), observer);
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    reply(processor.submit(new Command.FailJob(request.getJobKey(), request.getRetries(), request.getErrorMessage(),
        request.getRetryBackOff(), request.getVariables())), observer);
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    reply(processor.submit(new Command.ThrowError(request.getJobKey(), request.getErrorCode(),
        request.getErrorMessage(), request.getVariables())), observer);
  }

  @Override
  public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    reply(processor.submit(new Command.UpdateRetries(request.getJobKey(), request.getRetries())), observer);
  }

  @Override
  public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    reply(processor.submit(new Command.UpdateTimeout(request.getJobKey(), request.getTimeout())), observer);
  }

  @Override
  public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    if (request.getName().isBlank()) {
      observer.onError(Status.INVALID_ARGUMENT
          .withDescription("Expected to publish a message with a name, but the name is empty").asRuntimeException());
      return;
    }
    reply(processor.submit(new Command.PublishMessage(request.getName(), request.getCorrelationKey(),
        request.getTimeToLive(), request.getMessageId(), request.getVariables())), observer);
  }

  @Override
  public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    reply(processor.submit(new Command.SetVariables(request.getElementInstanceKey(), request.getVariables(),
        request.getLocal())), observer);
  }

  @Override
  public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    reply(processor.submit(new Command.ResolveIncident(request.getIncidentKey())), observer);
  }

  @Override
  public void evaluateDecision(EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    if (request.getDecisionKey() <= 0 && request.getDecisionId().isBlank()) {
      observer.onError(Status.INVALID_ARGUMENT
          .withDescription("Expected either a decision id or a decision key, but none given").asRuntimeException());
      return;
    }
    reply(processor.submit(new Command.EvaluateDecision(request.getDecisionKey(), request.getDecisionId(),
        request.getVariables())), observer);
  }

  @SuppressWarnings("unchecked")
  private static <T> void reply(CompletableFuture<Object> result, StreamObserver<T> observer) {
    result.whenComplete((response, failure) -> {
      if (failure == null) {
        observer.onNext((T) response);
        observer.onCompleted();
      } else {
        observer.onError(toStatus(failure));
      }
    });
  }

  private static StatusRuntimeException toStatus(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof Rejection rejection) {
      return rejection.toStatus().asRuntimeException();
    }
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    return Status.INTERNAL.withDescription("Unexpected error in the local engine: " + cause).asRuntimeException();
  }
}
