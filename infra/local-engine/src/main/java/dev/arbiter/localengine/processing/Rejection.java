package dev.arbiter.localengine.processing;

import io.grpc.Status;

/**
 * A command the engine refuses, worded as Zeebe words its rejections. Thrown before any state is
 * changed, so a rejected command is never journaled.
 */
public final class Rejection extends RuntimeException {

  public enum Type {
    INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT),
    NOT_FOUND(Status.Code.NOT_FOUND),
    ALREADY_EXISTS(Status.Code.ALREADY_EXISTS),
    INVALID_STATE(Status.Code.FAILED_PRECONDITION);

    private final Status.Code status;

    Type(Status.Code status) {
      this.status = status;
    }
  }

  private final Type type;

  public Rejection(String intent, Type type, String reason) {
    super("Command '" + intent + "' rejected with code '" + type.name() + "': " + reason);
    this.type = type;
  }

  public Status toStatus() {
    return Status.fromCode(type.status).withDescription(getMessage());
  }
}
