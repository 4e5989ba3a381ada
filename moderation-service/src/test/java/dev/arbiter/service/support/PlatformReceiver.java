package dev.arbiter.service.support;

import com.sun.net.httpserver.HttpServer;
import dev.arbiter.service.triage.ApplyingEnforcement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A platform's enforcement endpoint on a free local port: keeps every signed webhook it receives. */
public final class PlatformReceiver implements AutoCloseable {

  /** One webhook as the platform received it. */
  public record Delivery(String signature, String timestamp, String idempotencyKey, String body) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public PlatformReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/enforcement", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      deliveries.add(new Delivery(
          exchange.getRequestHeaders().getFirst(ApplyingEnforcement.SIGNATURE_HEADER),
          exchange.getRequestHeaders().getFirst(ApplyingEnforcement.TIMESTAMP_HEADER),
          exchange.getRequestHeaders().getFirst(ApplyingEnforcement.IDEMPOTENCY_HEADER),
          body));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  public String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/enforcement";
  }

  public List<Delivery> deliveries() {
    return deliveries;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
