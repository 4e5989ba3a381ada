package dev.arbiter.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to the running service, as a client outside the JVM would make them. */
final class HttpCalls {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  record Reply(int status, String contentType, String wwwAuthenticate, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final String baseUrl;

  HttpCalls(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  Reply call(String method, String path, String bearerToken) {
    return call(method, path, java.util.Optional.empty(), bearerToken);
  }

  Reply call(String method, String path, java.util.Optional<ExampleBodies.Body> body, String bearerToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body.map(b -> HttpRequest.BodyPublishers.ofByteArray(b.bytes()))
                    .orElse(HttpRequest.BodyPublishers.noBody()))
            .header("Accept", "application/json");
    body.ifPresent(b -> request.header("Content-Type", b.contentType()));
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("WWW-Authenticate").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Reply get(String path, String bearerToken) {
    return call("GET", path, bearerToken);
  }
}
