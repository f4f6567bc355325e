package org.moltx.http;

/** Loads the content again and swaps it in; the admin endpoint and SIGHUP call it. */
public interface Reloader {
  /**
   * @param ok whether the new content serves now (else the old one still does)
   * @param message what happened, for the operator: counts and time, or the file, line and reason of the failure
   */
  record Result(boolean ok, boolean busy, String message) {}

  Result reload();
}
