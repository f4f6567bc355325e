package org.moltx.pages;

/** A request the pages cannot answer: shown as a page with this status (4xx), a heading and a message. */
final class PageException extends RuntimeException {
  private final int status;
  private final String heading;
  private final transient Html more;

  PageException(int status, String heading, String message) {
    this(status, heading, message, null);
  }

  /** {@code more}: further content for the page, such as near matches of an unknown code. */
  PageException(int status, String heading, String message, Html more) {
    super(message);
    this.status = status;
    this.heading = heading;
    this.more = more;
  }

  int status() {
    return status;
  }

  String heading() {
    return heading;
  }

  Html more() {
    return more;
  }
}
