package dev.arbiter.localengine;

import dev.arbiter.localengine.processing.Processor;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Camunda 8 engine: serves the Zeebe gateway gRPC API on 127.0.0.1 in plaintext, so the
 * real Camunda Java client (with {@code preferRestOverGrpc(false)}) runs workflows against it.
 *
 * <pre>{@code
 * try (LocalEngine engine = LocalEngine.start(LocalEngineConfig.inMemory())) {
 *   CamundaClient client = CamundaClient.newClientBuilder()
 *       .grpcAddress(engine.grpcAddress()).preferRestOverGrpc(false).build();
 *   ...
 *   engine.clock().advance(Duration.ofHours(4)); // fires the SLA timers
 * }
 * }</pre>
 */
public final class LocalEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
  private static final String HOST = "127.0.0.1";

  private final EngineClock clock;
  private final Processor processor;
  private final Server server;

  private LocalEngine(EngineClock clock, Processor processor, Server server) {
    this.clock = clock;
    this.processor = processor;
    this.server = server;
  }

  public static LocalEngine start(LocalEngineConfig config) {
    EngineClock clock = new EngineClock();
    Processor processor = new Processor(clock, config.dataDirectory());
    clock.onAdvance(processor::tick);
    Server server;
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, config.port()))
          .addService(new GatewayService(processor))
          // Handlers only enqueue commands and never block, so they run on the transport threads.
          .directExecutor()
          .maxInboundMessageSize(16 * 1024 * 1024)
          // The Camunda client pings every 45 s by default; the gRPC default would answer with GOAWAY.
          .permitKeepAliveTime(10, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .build()
          .start();
    } catch (IOException e) {
      processor.close();
      throw new UncheckedIOException("Could not listen on " + HOST + ":" + config.port(), e);
    }
    LocalEngine engine = new LocalEngine(clock, processor, server);
    LOG.info("Local Camunda engine listening on {} (data: {})", engine.grpcAddress(),
        config.dataDirectory() == null ? "in memory" : config.dataDirectory().toAbsolutePath());
    return engine;
  }

  /** The address for {@code CamundaClientBuilder.grpcAddress}; http means plaintext to the client. */
  public URI grpcAddress() {
    return URI.create("http://" + HOST + ":" + port());
  }

  public int port() {
    return server.getPort();
  }

  public EngineClock clock() {
    return clock;
  }

  /**
   * Open incidents: with no Operate at hand, this is how a test finds the key to resolve. Observing
   * only; everything else goes through the gRPC API.
   */
  public List<IncidentView> incidents() {
    return processor.inspect(state -> state.incidents.values().stream()
        .map(i -> new IncidentView(i.key, i.type, i.message, i.processInstanceKey,
            state.instances.containsKey(i.elementInstanceKey) ? state.instances.get(i.elementInstanceKey).elementId : "",
            i.jobKey))
        .toList());
  }

  /** Whether a process instance is still running (neither completed nor cancelled). */
  public boolean isActive(long processInstanceKey) {
    return processor.inspect(state -> state.instances.containsKey(processInstanceKey));
  }

  /**
   * The ids of the elements a process instance is in right now (a receive task, a subprocess, ...): lets a
   * test wait until the instance sits in its wait state before moving the clock. Observing only.
   */
  public java.util.Set<String> activeElementIds(long processInstanceKey) {
    return processor.inspect(state -> state.instances.values().stream()
        .filter(instance -> instance.processInstanceKey == processInstanceKey && instance.key != processInstanceKey)
        .map(instance -> instance.elementId)
        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }

  /** How many StreamActivatedJobs calls are open (job workers with streaming enabled). */
  public int openJobStreams() {
    return processor.openJobStreams();
  }

  /** An open incident as a test sees it. */
  public record IncidentView(long key, String type, String message, long processInstanceKey, String elementId,
      long jobKey) {}

  @Override
  public void close() {
    int port = port();
    server.shutdown();
    processor.close();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    LOG.info("Local Camunda engine on port {} stopped", port);
  }
}
