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

/** Runs Maven on small projects under Arbiter's parent POM and checks what the enforcer says. */
class LicenceGuardTest {

  private static final Path FIXTURES = Path.of("src/test/fixtures").toAbsolutePath();

  @Test
  void buildWithZeebeProcessTestExtensionFails() throws Exception {
    BuildResult result = validate("banned-engine");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .contains("BannedDependencies failed")
        .contains("io.camunda:zeebe-process-test-extension")
        .contains("Camunda License");
  }

  @Test
  void buildWithTheApacheLicensedClientPasses() throws Exception {
    BuildResult result = validate("open-client");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private record BuildResult(int exitCode, String output) {}

  private static BuildResult validate(String fixture) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "validate"));
    command.add("-s");
    command.add(FIXTURES.resolve("settings.xml").toString());
    command.add("-f");
    command.add(FIXTURES.resolve(fixture).resolve("pom.xml").toString());
    String localRepository = System.getProperty("arbiter.localRepository");
    if (localRepository != null && !localRepository.isBlank()) {
      command.add("-Dmaven.repo.local=" + localRepository);
    }
    Path log = Files.createTempFile("licence-guard-" + fixture, ".log");
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
