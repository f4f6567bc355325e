package org.moltx.cdshooks;

/** A request the service answers with an HTTP error status and a JSON {@code {"error": ...}} body. */
final class CdsException extends RuntimeException {
  private final int status;

  CdsException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
