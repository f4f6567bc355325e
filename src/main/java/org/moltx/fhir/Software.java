package org.moltx.fhir;

/** moltx's own version, as the capability statements report it. */
final class Software {
  static final String VERSION = "0.1.0";
  /** The release date of {@link #VERSION} (a fixed date, not the build time, so the statements are reproducible). */
  static final String RELEASE_DATE = "2026-11-23";

  private Software() {}
}
