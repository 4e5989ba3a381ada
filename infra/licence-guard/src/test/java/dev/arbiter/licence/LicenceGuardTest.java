package dev.arbiter.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs Maven on small projects under Arbiter's parent POM and checks what the enforcer says. The projects
 * are written at test time into target/, so no committed POM names a banned artifact.
 */
class LicenceGuardTest {

  private static final Path SETTINGS = Path.of("src/test/fixtures/settings.xml").toAbsolutePath();
  private static final Path PROJECTS = Path.of("target/licence-guard-projects").toAbsolutePath();
  private static final String BANNED = "zeebe-process-test" + "-extension";

  @Test
  void buildWithZeebeProcessTestExtensionFails() throws Exception {
    BuildResult result = validate("banned-engine", BANNED);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .contains("BannedDependencies failed")
        .contains("io.camunda:" + BANNED)
        .contains("Camunda License");
  }

  @Test
  void buildWithTheApacheLicensedClientPasses() throws Exception {
    BuildResult result = validate("open-client", "camunda-client-java");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private record BuildResult(int exitCode, String output) {}

  /** A project under the parent POM (three levels up from target/) with one Camunda test dependency. */
  private static Path project(String name, String camundaArtifact) throws IOException {
    Path dir = Files.createDirectories(PROJECTS.resolve(name));
    Files.writeString(
        dir.resolve("pom.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>dev.arbiter</groupId>
            <artifactId>arbiter-parent</artifactId>
            <version>0.1.0-SNAPSHOT</version>
            <relativePath>../../../../../pom.xml</relativePath>
          </parent>
          <artifactId>licence-guard-%s</artifactId>
          <dependencies>
            <dependency>
              <groupId>io.camunda</groupId>
              <artifactId>%s</artifactId>
              <version>${camunda.version}</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
        </project>
        """
            .formatted(name, camundaArtifact));
    return dir.resolve("pom.xml");
  }

  private static BuildResult validate(String name, String camundaArtifact) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "validate"));
    command.add("-s");
    command.add(SETTINGS.toString());
    command.add("-f");
    command.add(project(name, camundaArtifact).toString());
    String localRepository = System.getProperty("arbiter.localRepository");
    if (localRepository != null && !localRepository.isBlank()) {
      command.add("-Dmaven.repo.local=" + localRepository);
    }
    Path log = Files.createTempFile("licence-guard-" + name, ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("Maven did not finish within 5 minutes: " + Files.readString(log));
    }
    return new BuildResult(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String maven() {
    String home = System.getProperty("arbiter.mavenHome");
    if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
      return Path.of(home, "bin", "mvn").toString();
    }
    return "mvn";
  }
}
