package org.moltx.cdshooks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the client JWT of a CDS Hooks call: issuer on the allow-list, signature with the issuer's keys (asymmetric
 * algorithms only: {@code none} and HMAC are refused), {@code aud} equal to the service URL, {@code exp}, {@code iat},
 * and {@code jti} not seen before. The replay cache lives in this process only.
 */
final class ClientJwtVerifier {
  /** Signature algorithms accepted; HMAC would need a secret shared with every client, and none signs nothing. */
  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
      JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
  /** Longest token lifetime accepted; it also bounds how long a jti is remembered. */
  static final long MAX_LIFETIME_SECONDS = 3600;
  private static final Set<String> REQUIRED = Set.of("iss", "aud", "exp", "iat", "jti");

  private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new HashMap<>();
  private final int skewSeconds;
  private final Clock clock;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private volatile long nextPurge;

  ClientJwtVerifier(Map<String, String> trustedIssuers, int skewSeconds, Clock clock) {
    this.skewSeconds = skewSeconds;
    this.clock = clock;
    trustedIssuers.forEach((iss, jwks) -> {
      DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
      p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keySource(jwks)));
      p.setJWTClaimsSetVerifier(null); // claims are checked below, against the request's service URL
      processors.put(iss, p);
    });
  }

  boolean enabled() {
    return !processors.isEmpty();
  }

  /** Verifies the {@code Authorization: Bearer} JWT for a call to {@code serviceUrl}; throws 401 with the reason. */
  JWTClaimsSet verify(String authorization, String serviceUrl) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("a Bearer JWT is required in the Authorization header");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(authorization.substring(7).trim());
    } catch (ParseException e) {
      throw unauthorized("the bearer token is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw unauthorized("the JWT must be signed (alg none and encrypted tokens are refused)");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!ALGORITHMS.contains(alg)) {
      throw unauthorized("JWT signature algorithm " + alg + " is not accepted (asymmetric algorithms only)");
    }
    String issuer;
    try {
      issuer = signed.getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      throw unauthorized("the JWT claims are not readable");
    }
    DefaultJWTProcessor<SecurityContext> processor = issuer == null ? null : processors.get(issuer);
    if (processor == null) {
      throw unauthorized("JWT issuer '" + issuer + "' is not trusted");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(signed, null);
    } catch (Exception e) {
      throw unauthorized("JWT rejected: " + e.getMessage());
    }
    DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(new java.util.HashSet<>(Set.of(serviceUrl)),
        new JWTClaimsSet.Builder().issuer(issuer).build(), new java.util.HashSet<>(REQUIRED), null) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    claimsVerifier.setMaxClockSkew(skewSeconds);
    try {
      claimsVerifier.verify(claims, null);
    } catch (Exception e) {
      throw unauthorized("JWT rejected: " + e.getMessage() + " (aud must be " + serviceUrl + ")");
    }
    long now = clock.millis() / 1000;
    long iat = claims.getIssueTime().getTime() / 1000;
    long exp = claims.getExpirationTime().getTime() / 1000;
    if (iat > now + skewSeconds) {
      throw unauthorized("JWT issued in the future (iat)");
    }
    if (exp - now > MAX_LIFETIME_SECONDS) {
      throw unauthorized("JWT expires too far in the future (more than " + MAX_LIFETIME_SECONDS + " s)");
    }
    remember(issuer + "\u0000" + claims.getJWTID(), exp + skewSeconds, now);
    return claims;
  }

  private void remember(String key, long until, long now) {
    if (now >= nextPurge) {
      nextPurge = now + 30;
      for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
        if (it.next() < now) {
          it.remove();
        }
      }
    }
    Long before = seen.putIfAbsent(key, until);
    if (before != null && before >= now) {
      throw unauthorized("JWT replayed: its jti was already used");
    }
    if (before != null) {
      seen.put(key, until);
    }
  }

  private static CdsException unauthorized(String message) {
    return new CdsException(401, message);
  }

  private static JWKSource<SecurityContext> keySource(String location) {
    if (location.startsWith("https://") || location.startsWith("http://")) {
      try {
        return JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build();
      } catch (IOException e) {
        throw new IllegalArgumentException("bad JWKS URL '" + location + "'", e);
      }
    }
    return new FileKeys(Path.of(location));
  }

  /** A JWKS file, read again when it changes (key rotation without restart). */
  private static final class FileKeys implements JWKSource<SecurityContext> {
    private final Path file;
    private volatile FileTime loadedAt;
    private volatile JWKSet keys;

    FileKeys(Path file) {
      this.file = file;
      current(); // a missing or broken file fails at start-up, not at the first call
    }

    private JWKSet current() {
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        if (keys == null || !modified.equals(loadedAt)) {
          keys = JWKSet.load(file.toFile());
          loadedAt = modified;
        }
        return keys;
      } catch (IOException | ParseException e) {
        if (keys != null) {
          return keys;
        }
        throw new IllegalArgumentException("cannot read JWKS file '" + file + "': " + e.getMessage(), e);
      }
    }

    @Override
    public java.util.List<com.nimbusds.jose.jwk.JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext ctx) {
      return selector.select(current());
    }
  }
}
