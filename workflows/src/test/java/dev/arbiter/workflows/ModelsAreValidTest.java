package dev.arbiter.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
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
}
