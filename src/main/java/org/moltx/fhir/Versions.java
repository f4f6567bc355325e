package org.moltx.fhir;

/** moltx's own version, as the capability statements report it. */
final class Versions {
  static final String SOFTWARE = "0.1.0";
  /** The release date of {@link #SOFTWARE} (a fixed date, not the build time, so the statements are reproducible). */
  static final String RELEASE_DATE = "2026-11-23";

  private Versions() {}
}
