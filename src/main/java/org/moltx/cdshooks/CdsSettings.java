package org.moltx.cdshooks;

import java.util.Map;

/**
 * Options of the CDS Hooks service.
 *
 * @param publicBase the server's base URL as clients see it (behind a proxy), without a trailing slash; null: taken
 *     from each request. The JWT {@code aud} and the card links are built on it.
 * @param trustedIssuers client JWT issuers ({@code iss}) and where their keys are: a JWKS URL or a JWKS file path.
 *     Empty: the service runs open (no JWT checked).
 * @param clockSkewSeconds tolerance on {@code exp} and {@code iat}
 */
public record CdsSettings(String publicBase, Map<String, String> trustedIssuers, int clockSkewSeconds) {
  public CdsSettings {
    publicBase = publicBase == null || publicBase.isBlank() ? null : publicBase.replaceAll("/+$", "");
    trustedIssuers = trustedIssuers == null ? Map.of() : Map.copyOf(trustedIssuers);
  }

  public static CdsSettings open() {
    return new CdsSettings(null, Map.of(), 60);
  }
}
