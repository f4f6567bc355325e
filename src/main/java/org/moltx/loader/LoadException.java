package org.moltx.loader;

/** Content that cannot be loaded: names the file, the line (0 when not line-based) and the reason. */
public class LoadException extends RuntimeException {
  private final String file;
  private final int line;

  public LoadException(String file, int line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    this.file = file;
    this.line = line;
  }

  public LoadException(String file, int line, String reason, Throwable cause) {
    this(file, line, reason);
    initCause(cause);
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
