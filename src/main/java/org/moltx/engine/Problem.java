package org.moltx.engine;

/** Why the engine could not answer; the FHIR layer maps each to a status and an issue type. */
public enum Problem {
  /** A required input is missing or inputs conflict. */
  INVALID_REQUEST,
  /** The code system (or its version) is not known to this server. */
  UNKNOWN_SYSTEM,
  /** The code is not in the code system. */
  UNKNOWN_CODE,
  /** The value set or concept map asked for is not known. */
  UNKNOWN_RESOURCE,
  /** The value set's definition is broken (a filter without a value, an unknown filter op...). */
  INVALID_VALUE_SET,
  /** A value set includes or excludes itself, directly or through others. */
  CIRCULAR_REFERENCE,
  /** Valid, but not something this server does. */
  NOT_SUPPORTED,
  /** A code system version conflicts with a version rule of the request. */
  VERSION_ERROR,
  /** The answer would be larger than the server is configured to give. */
  TOO_COSTLY
}
