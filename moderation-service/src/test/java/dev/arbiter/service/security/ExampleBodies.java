package dev.arbiter.service.security;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Valid example bodies for the endpoints that read one, so the role matrix reaches the role check. */
final class ExampleBodies {

  record Body(String contentType, byte[] bytes) {}

  private static final String BOUNDARY = "arbiter-example-boundary";

  private ExampleBodies() {}

  static Body of(EndpointInventory.Endpoint endpoint) {
    return switch (endpoint.toString()) {
      case "POST /api/v1/content [application/json]" -> json(submission());
      case "POST /api/v1/content [multipart/form-data]" -> multipart(submission());
      case "POST /api/v1/reviews/{id}/decision [application/json]" ->
          json("{\"action\":\"remove\",\"reasonCode\":\"SPAM-01\",\"note\":\"bulk links\"}");
      case "POST /api/v1/queue-items/{id}/escalate [application/json]" -> json("{\"note\":\"needs a senior\"}");
      case "POST /api/v1/queue-items/{id}/reassign [application/json]" -> json("{\"queue\":\"general\"}");
      default ->
          throw new IllegalStateException(
              "No example body for " + endpoint + ": add one to ExampleBodies.of");
    };
  }

  private static String submission() {
    return """
        {"externalId":"matrix-%s","authorId":"author-1","surface":"comment","text":"an example item"}"""
        .formatted(UUID.randomUUID());
  }

  private static Body json(String json) {
    return new Body("application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static Body multipart(String submissionJson) {
    String body =
        "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"submission\"\r\nContent-Type: application/json\r\n\r\n"
            + submissionJson + "\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"files\"; filename=\"note.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nan attached note\r\n"
            + "--" + BOUNDARY + "--\r\n";
    return new Body("multipart/form-data; boundary=" + BOUNDARY, body.getBytes(StandardCharsets.UTF_8));
  }
}
