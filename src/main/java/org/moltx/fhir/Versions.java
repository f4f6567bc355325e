package org.moltx.fhir;

/** moltx's own version, as the capability statements report it. */
final class Versions {
  static final String SOFTWARE = "0.1.0";

  private Versions() {}
}
