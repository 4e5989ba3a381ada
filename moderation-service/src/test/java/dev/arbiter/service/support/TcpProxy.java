package dev.arbiter.service.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a real server, so a test can take the server away from the service (every
 * connection reset, new ones refused) and give it back on the same address, without touching the server.
 */
public final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  public TcpProxy(URI target) {
    this.targetHost = target.getHost();
    this.targetPort = target.getPort();
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    restore();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The server is unreachable: open connections drop, new ones are refused. */
  public synchronized void cut() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** The server is reachable again, on the same address. */
  public synchronized void restore() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot listen on " + port, e);
    }
    Thread acceptor = new Thread(() -> accept(listener), "tcp-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket from) {
    while (!from.isClosed()) {
      try {
        Socket client = from.accept();
        Socket server = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(server);
        pipe(client, server);
        pipe(server, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pipe(Socket in, Socket out) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream input = in.getInputStream(); OutputStream output = out.getOutputStream()) {
                input.transferTo(output);
              } catch (IOException ignored) {
                // The other side closed, or the proxy was cut.
              } finally {
                closeQuietly(in);
                closeQuietly(out);
                open.remove(in);
                open.remove(out);
              }
            },
            "tcp-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }

  @Override
  public void close() {
    cut();
  }
}
