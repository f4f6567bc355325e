package org.moltx.engine;

/**
 * Why the engine could not answer, with the HTTP status the request gets for it (one home: the FHIR layer and the
 * pages both answer with it; the FHIR layer adds each one's issue type).
 */
public enum Problem {
  /** A required input is missing or inputs conflict. */
  INVALID_REQUEST(400),
  /** The code system (or its version) is not known to this server. */
  UNKNOWN_SYSTEM(404),
  /** The code is not in the code system. */
  UNKNOWN_CODE(404),
  /** The value set or concept map asked for is not known. */
  UNKNOWN_RESOURCE(404),
  /** The value set's definition is broken (a filter without a value, an unknown filter op...). */
  INVALID_VALUE_SET(400),
  /** A value set includes or excludes itself, directly or through others. */
  CIRCULAR_REFERENCE(400),
  /** Valid, but not something this server does. */
  NOT_SUPPORTED(400),
  /** A code system version conflicts with a version rule of the request. */
  VERSION_ERROR(400),
  /** The answer would be larger than the server is configured to give. */
  TOO_COSTLY(422);

  private final int status;

  Problem(int status) {
    this.status = status;
  }

  /** The HTTP status of an answer refused for this reason. */
  public int status() {
    return status;
  }
}
