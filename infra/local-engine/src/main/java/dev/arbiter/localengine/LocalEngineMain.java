package dev.arbiter.localengine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local engine as its own process: {@code --port 26500 --data-dir ./data}. The port
 * defaults to Zeebe's 26500; without a data directory the state lives in memory only.
 */
public final class LocalEngineMain {

  private LocalEngineMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 26500;
    Path dataDirectory = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--data-dir" -> dataDirectory = Path.of(value(args, ++i, "--data-dir"));
        case "--help" -> {
          System.out.println("usage: LocalEngineMain [--port 26500] [--data-dir DIR]");
          return;
        }
        default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; try --help");
      }
    }
    LocalEngine engine = LocalEngine.start(new LocalEngineConfig(port, dataDirectory));
    // Printed as well as logged: scripts and tests read the address from standard output.
    System.out.println("LOCAL_ENGINE_GRPC_ADDRESS=" + engine.grpcAddress());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();
      stopped.countDown();
    }, "local-engine-shutdown"));
    stopped.await();
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException("Expected a value after " + flag);
    }
    return args[index];
  }
}
