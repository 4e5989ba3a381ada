package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.File;
import java.util.List;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.junit.jupiter.api.Test;

/** The policy-change process in workflows/ passes Zeebe's design-time validation and uses the agreed job types. */
class PolicyChangeProcessTest {

    private static final File MODEL = new File("../workflows/src/main/resources/policy-change.bpmn");

    @Test
    void modelIsValidForZeebeAndNamesThePolicyJobTypes() {
        BpmnModelInstance model = Bpmn.readModelFromFile(MODEL);

        List<String> errors = model.validate(ZeebeDesignTimeValidators.VALIDATORS).getResults().values().stream()
                .flatMap(List::stream)
                .filter(r -> r.getType() == ValidationResultType.ERROR)
                .map(r -> r.getElement() + ": " + r.getMessage())
                .toList();
        assertThat(errors).isEmpty();

        Process process = model.getModelElementsByType(Process.class).iterator().next();
        assertThat(process.getId()).isEqualTo("policy-change");
        assertThat(process.isExecutable()).isTrue();
        assertThat(model.getModelElementsByType(ServiceTask.class))
                .extracting(t -> t.getSingleExtensionElement(ZeebeTaskDefinition.class).getType())
                .containsExactlyInAnyOrder("policy.backtest", "policy.publish", "policy.record", "policy.record", "policy.expire");

        ReceiveTask review = model.getModelElementById("await-review");
        assertThat(review.getMessage().getName()).isEqualTo("policy-change-reviewed");
        assertThat(review.getMessage().getSingleExtensionElement(ZeebeSubscription.class).getCorrelationKey()).isEqualTo("=draftId");
        BoundaryEvent overdue = model.getModelElementById("review-overdue");
        assertThat(overdue.getAttachedTo()).isSameAs(review);
    }
}
