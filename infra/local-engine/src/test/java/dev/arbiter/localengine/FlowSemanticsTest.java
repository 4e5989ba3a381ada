package dev.arbiter.localengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gateways, scopes, mappings, sub-processes, call activities and decisions. */
class FlowSemanticsTest extends EngineTestSupport {

  @Test
  void exclusiveGatewayTakesTheFirstTrueConditionElseTheDefaultFlow() {
    String id = uniqueId("exclusive");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .exclusiveGateway("route")
        .sequenceFlowId("high").conditionExpression("score >= 0.9").serviceTask("remove", t -> t.zeebeJobType(id + "-remove")).endEvent()
        .moveToLastGateway().sequenceFlowId("medium").conditionExpression("score >= 0.5").serviceTask("review", t -> t.zeebeJobType(id + "-review")).endEvent()
        .moveToLastExclusiveGateway().defaultFlow().serviceTask("allow", t -> t.zeebeJobType(id + "-allow")).endEvent()
        .done(), "exclusive.bpmn");

    long high = start(id, Map.of("score", 0.95));
    long medium = start(id, Map.of("score", 0.6));
    long low = start(id, Map.of("score", 0.1));

    assertThat(awaitJob(id + "-remove").getProcessInstanceKey()).isEqualTo(high);
    assertThat(awaitJob(id + "-review").getProcessInstanceKey()).isEqualTo(medium);
    assertThat(awaitJob(id + "-allow").getProcessInstanceKey()).isEqualTo(low);
  }

  @Test
  void conditionThatIsNotBooleanRaisesAnIncidentResolvedAfterFixingTheVariables() {
    String id = uniqueId("condition-incident");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .exclusiveGateway("route")
        .conditionExpression("score > 0.5").serviceTask("review", t -> t.zeebeJobType(id + "-review")).endEvent()
        .moveToLastGateway().conditionExpression("score <= 0.5").serviceTask("allow", t -> t.zeebeJobType(id + "-allow")).endEvent()
        .done(), "condition-incident.bpmn");
    long key = start(id, Map.of("score", "high"));

    LocalEngine.IncidentView incident = awaitIncident(key);
    assertThat(incident.elementId()).isEqualTo("route");
    assertThat(incident.type()).isEqualTo("CONDITION_ERROR");

    client.newSetVariablesCommand(key).variables(Map.of("score", 0.7)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    assertThat(awaitJob(id + "-review").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  void flowGraphComesFromSourceAndTargetRefsWhenOutgoingElementsAreMissing() {
    deployResource("no-outgoing-elements.bpmn");

    long removed = start("no-outgoing-elements", Map.of());
    complete(awaitJob("no-outgoing-check"), Map.of("verdict", "remove"));
    ActivatedJob removal = awaitJob("no-outgoing-removed");
    long allowed = start("no-outgoing-elements", Map.of());
    complete(awaitJob("no-outgoing-check"), Map.of("verdict", "keep"));

    assertThat(removal.getProcessInstanceKey()).isEqualTo(removed);
    assertThat(awaitJob("no-outgoing-allowed").getProcessInstanceKey()).isEqualTo(allowed);
  }

  @Test
  void parallelGatewayForksAndJoinsOnceBothBranchesArrive() {
    String id = uniqueId("parallel");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .parallelGateway("fork")
        .serviceTask("text", t -> t.zeebeJobType(id + "-text"))
        .parallelGateway("join")
        .serviceTask("decide", t -> t.zeebeJobType(id + "-decide")).endEvent()
        .moveToNode("fork").serviceTask("image", t -> t.zeebeJobType(id + "-image")).connectTo("join")
        .done(), "parallel.bpmn");
    long key = start(id, Map.of());

    complete(awaitJob(id + "-text"), Map.of("textScore", 0.2));
    assertNoJob(id + "-decide");
    complete(awaitJob(id + "-image"), Map.of("imageScore", 0.9));

    ActivatedJob decide = awaitJob(id + "-decide");
    assertThat(decide.getVariablesAsMap()).containsEntry("textScore", 0.2).containsEntry("imageScore", 0.9);
    complete(decide, Map.of());
    awaitCompleted(key);
    assertNoJob(id + "-decide");
  }

  @Test
  void inputMappingsAreLocalAndOutputMappingsPropagateToTheProcess() {
    String id = uniqueId("mappings");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("classify", t -> t.zeebeJobType(id)
            .zeebeInputExpression("content.text", "text")
            .zeebeOutputExpression("label", "signals.label")
            .zeebeOutputExpression("score * 100", "percent"))
        .serviceTask("after", t -> t.zeebeJobType(id + "-after")).endEvent()
        .done(), "mappings.bpmn");
    start(id, Map.of("content", Map.of("text", "hello"), "signals", Map.of("lang", "en")));

    ActivatedJob classify = awaitJob(id);
    assertThat(classify.getVariablesAsMap()).containsEntry("text", "hello");
    complete(classify, Map.of("label", "spam", "score", 0.5));

    Map<String, Object> after = awaitJob(id + "-after").getVariablesAsMap();
    assertThat(after).containsEntry("percent", 50).containsEntry("signals", Map.of("lang", "en", "label", "spam"));
    assertThat(after).doesNotContainKeys("text", "label", "score");
  }

  @Test
  void jobVariablesWithoutOutputMappingsUpdateTheNearestScopeThatHasThem() {
    String id = uniqueId("scopes");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("review", s -> s.zeebeInputExpression("0", "attempts"))
        .embeddedSubProcess().startEvent()
        .serviceTask("decide", t -> t.zeebeJobType(id)).endEvent()
        .subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType(id + "-after")).endEvent()
        .done(), "scopes.bpmn");
    start(id, Map.of("status", "new"));

    complete(awaitJob(id), Map.of("attempts", 1, "status", "decided", "verdict", "remove"));

    Map<String, Object> after = awaitJob(id + "-after").getVariablesAsMap();
    assertThat(after).containsEntry("status", "decided").containsEntry("verdict", "remove").doesNotContainKey("attempts");
  }

  @Test
  void setVariablesLocalStaysInTheScopeAndOtherwisePropagates() {
    String id = uniqueId("set-variables");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("wait", t -> t.zeebeJobType(id))
        .serviceTask("after", t -> t.zeebeJobType(id + "-after")).endEvent()
        .done(), "set-variables.bpmn");
    long key = start(id, Map.of());
    ActivatedJob waiting = awaitJob(id);

    client.newSetVariablesCommand(waiting.getElementInstanceKey()).variables(Map.of("scratch", 1)).local(true).send().join();
    client.newSetVariablesCommand(waiting.getElementInstanceKey()).variables(Map.of("kept", 2)).send().join();
    complete(waiting, Map.of());

    assertThat(awaitJob(id + "-after").getVariablesAsMap()).containsEntry("kept", 2).doesNotContainKey("scratch");
    assertRejected(() -> client.newSetVariablesCommand(42L).variables(Map.of("x", 1)).send().join(),
        Status.Code.NOT_FOUND, "no such element was found");
    assertThat(engine.isActive(key)).isTrue();
  }

  @Test
  void errorEndEventInASubProcessIsCaughtAtTheSubProcessBoundary() {
    String id = uniqueId("sub-error");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("appeal").embeddedSubProcess().startEvent()
        .serviceTask("check", t -> t.zeebeJobType(id + "-check"))
        .endEvent("ineligible", e -> e.error("INELIGIBLE"))
        .subProcessDone()
        .serviceTask("decide", t -> t.zeebeJobType(id + "-decide")).endEvent()
        .moveToActivity("appeal").boundaryEvent("rejected", b -> b.error("INELIGIBLE"))
        .serviceTask("notify", t -> t.zeebeJobType(id + "-notify")).endEvent()
        .done(), "sub-error.bpmn");
    long key = start(id, Map.of());

    complete(awaitJob(id + "-check"), Map.of());

    assertThat(awaitJob(id + "-notify").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + "-decide");
  }

  @Test
  void terminateEndEventEndsTheWholeInstance() {
    String id = uniqueId("terminate");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .parallelGateway("fork")
        .serviceTask("slow", t -> t.zeebeJobType(id + "-slow")).endEvent()
        .moveToNode("fork").serviceTask("fast", t -> t.zeebeJobType(id + "-fast")).endEvent("stop", e -> e.terminate())
        .done(), "terminate.bpmn");
    long key = start(id, Map.of());
    ActivatedJob slow = awaitJob(id + "-slow");

    complete(awaitJob(id + "-fast"), Map.of());

    awaitCompleted(key);
    assertRejected(() -> complete(slow, Map.of()), Status.Code.NOT_FOUND, "no such job");
  }

  @Test
  void callActivityPassesVariablesInAndOutAndChildErrorsReachTheParentBoundary() {
    String child = uniqueId("child");
    String parent = uniqueId("parent");
    deploy(Bpmn.createExecutableProcess(child).startEvent()
        .serviceTask("child-work", t -> t.zeebeJobType(child)).endEvent().done(), "child.bpmn");
    deploy(Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child))
        .boundaryEvent("failed", b -> b.error("CHILD_FAILED"))
        .serviceTask("recover", t -> t.zeebeJobType(parent + "-recover")).endEvent()
        .moveToActivity("call").serviceTask("after", t -> t.zeebeJobType(parent + "-after")).endEvent()
        .done(), "parent.bpmn");

    long ok = start(parent, Map.of("caseId", "c-1"));
    ActivatedJob childJob = awaitJob(child);
    assertThat(childJob.getVariablesAsMap()).containsEntry("caseId", "c-1");
    assertThat(childJob.getProcessInstanceKey()).isNotEqualTo(ok);
    complete(childJob, Map.of("childResult", "done"));
    ActivatedJob after = awaitJob(parent + "-after");
    assertThat(after.getProcessInstanceKey()).isEqualTo(ok);
    assertThat(after.getVariablesAsMap()).containsEntry("childResult", "done");

    long failing = start(parent, Map.of());
    client.newThrowErrorCommand(awaitJob(child).getKey()).errorCode("CHILD_FAILED").send().join();
    assertThat(awaitJob(parent + "-recover").getProcessInstanceKey()).isEqualTo(failing);
  }

  @Test
  void callingAnUndeployedProcessRaisesAnIncident() {
    String parent = uniqueId("orphan-parent");
    deploy(Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("call", c -> c.zeebeProcessId("never-deployed")).endEvent().done(), "orphan.bpmn");
    long key = start(parent, Map.of());

    LocalEngine.IncidentView incident = awaitIncident(key);
    assertThat(incident.type()).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(incident.message()).contains("never-deployed");
  }

  @Test
  void businessRuleTaskEvaluatesTheCalledDecisionIntoTheResultVariable() {
    deployResource("routing.dmn");
    String id = uniqueId("decision-task");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .businessRuleTask("route", b -> b.zeebeCalledDecisionId("route").zeebeResultVariable("routing"))
        .serviceTask("act", t -> t.zeebeJobType(id)).endEvent().done(), "decision-task.bpmn");

    start(id, Map.of("score", 0.7, "category", "hate"));

    assertThat(awaitJob(id).getVariablesAsMap()).containsEntry("routing", Map.of("action", "review", "priority", 2));
  }

  @Test
  void jobBasedBusinessRuleTaskIsAJob() {
    String id = uniqueId("rule-job");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .businessRuleTask("external", b -> b.zeebeJobType(id)).endEvent().done(), "rule-job.bpmn");
    long key = start(id, Map.of());

    complete(awaitJob(id), Map.of());

    awaitCompleted(key);
  }

  @Test
  void evaluateDecisionReturnsTheOutputAndEveryEvaluatedDecision() {
    deployResource("routing.dmn");

    EvaluateDecisionResponse response = client.newEvaluateDecisionCommand().decisionId("escalation-label")
        .variables(Map.of("score", 0.95, "category", "spam")).send().join();

    assertThat(response.getDecisionOutput()).isEqualTo("\"REMOVE-1\"");
    assertThat(response.getEvaluatedDecisions()).extracting(d -> d.getDecisionId())
        .containsExactly("route", "escalation-label");
    assertThat(response.getFailureMessage()).isEmpty();
    assertRejected(() -> client.newEvaluateDecisionCommand().decisionId("no-such-decision").send().join(),
        Status.Code.NOT_FOUND, "no decision found for id 'no-such-decision'");
  }

  @Test
  void decisionResourcesGetVersionsToo() {
    var first = deployResource("routing.dmn");
    var again = deployResource("routing.dmn");

    assertThat(first.getDecisions()).extracting(d -> d.getDmnDecisionId()).containsExactlyInAnyOrder("route", "escalation-label");
    assertThat(again.getDecisions().get(0).getVersion()).isEqualTo(first.getDecisions().get(0).getVersion());
    assertThat(List.of(first.getDecisionRequirements().get(0).getDmnDecisionRequirementsId())).containsExactly("routing-drg");
  }
}
