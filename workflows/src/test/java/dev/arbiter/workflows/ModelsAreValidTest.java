package dev.arbiter.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every BPMN file shipped in workflows/ parses and validates as Camunda 8 will on deployment. */
class ModelsAreValidTest {

  private static final Path MODELS = Path.of("src/main/resources");

  @TestFactory
  Stream<DynamicTest> everyProcessModelIsValidAndExecutable() throws IOException {
    List<Path> models;
    try (Stream<Path> files = Files.walk(MODELS)) {
      models = files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).as("BPMN models in %s", MODELS).isNotEmpty();
    return models.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                      Bpmn.validateModel(model);
                      assertThat(model.getModelElementsByType(Process.class))
                          .as("executable processes in %s", file)
                          .anySatisfy(p -> assertThat(p.isExecutable()).isTrue());
                    }));
  }

  @Test
  void theAppealWaitsForAnExpertWithAReminderAndAnEscalationTimer() {
    BpmnModelInstance model = Bpmn.readModelFromFile(MODELS.resolve("appeal.bpmn").toFile());

    assertThat(model.getModelElementsByType(ServiceTask.class))
        .extracting(task -> task.getSingleExtensionElement(ZeebeTaskDefinition.class).getType())
        .containsExactlyInAnyOrder(
            "appeal.recordFiling", "appeal.checkEligibility", "appeal.enqueue", "appeal.slaReminder", "appeal.escalate",
            "appeal.escalate", "appeal.reverseEnforcement", "appeal.recordFeedback", "appeal.notify", "appeal.record");

    ReceiveTask await = model.getModelElementById("await-decision");
    assertThat(await.getMessage().getName()).isEqualTo("appeal-decided");
    assertThat(await.getMessage().getSingleExtensionElement(ZeebeSubscription.class).getCorrelationKey()).isEqualTo("=appealId");

    BoundaryEvent reminder = model.getModelElementById("appeal-sla-reminder");
    BoundaryEvent breach = model.getModelElementById("appeal-sla-breached");
    assertThat(reminder.getAttachedTo()).isSameAs(await);
    assertThat(breach.getAttachedTo()).isSameAs(await);
    assertThat(reminder.cancelActivity()).as("the reminder leaves the appeal waiting").isFalse();
    assertThat(breach.cancelActivity()).as("the escalation takes the appeal away").isTrue();
    assertThat(timer(reminder)).isEqualTo("=appealSla.reminder");
    assertThat(timer(breach)).isEqualTo("=appealSla.escalation");
    assertThat(breach.getOutgoing()).singleElement().satisfies(flow -> assertThat(flow.getTarget().getId()).isEqualTo("escalate-overdue"));
  }

  private static String timer(BoundaryEvent event) {
    return event.getEventDefinitions().stream()
        .filter(TimerEventDefinition.class::isInstance)
        .map(TimerEventDefinition.class::cast)
        .findFirst()
        .orElseThrow()
        .getTimeDuration()
        .getTextContent();
  }
}
