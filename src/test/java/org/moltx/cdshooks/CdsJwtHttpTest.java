package org.moltx.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moltx.cdshooks.CdsRequests.read;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.app.Config;
import org.moltx.app.ServerFactory;

/**
 * A server that trusts two EHRs: one publishing its JWKS as a file, one at a URL. The public base is a proxy's, so
 * aud and the card links use it, not the address the test connects to.
 */
class CdsJwtHttpTest {
  static final String EHR = "https://ehr.example.org";
  static final String EHR2 = "https://other-ehr.example.net";
  static final String PUBLIC_BASE = "https://tx.example.org/moltx";
  static final String AUD = PUBLIC_BASE + "/cds-services/order-sign-indications";
  static final String PATH = "/cds-services/order-sign-indications";

  @TempDir
  static Path dir;
  static RSAKey key;
  static RSAKey key2;
  static Server server;
  static HttpServer jwksServer;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("ehr-2026-1").generate();
    key2 = new RSAKeyGenerator(2048).keyID("other-1").generate();
    Path jwks = dir.resolve("ehr-jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    byte[] jwks2 = new JWKSet(key2.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext("/.well-known/jwks.json", ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, jwks2.length);
      ex.getResponseBody().write(jwks2);
      ex.close();
    });
    jwksServer.start();
    String jwksUrl = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
    server = ServerFactory.createServer(0, new Config(0, null, PUBLIC_BASE, Map.of(EHR, jwks.toString(), EHR2, jwksUrl)));
    server.start();
    base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    jwksServer.stop(0);
  }

  static JWTClaimsSet.Builder claims(String iss, String aud) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(iss).subject("ehr-client-7").audience(aud).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
  }

  static String sign(RSAKey k, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(k.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(k));
    return jwt.serialize();
  }

  static HttpResponse<String> call(String token) {
    return CdsRequests.post(base, PATH, CdsRequests.fixture("order-sign-81455.json").toString(), token);
  }

  static void assertRefused(HttpResponse<String> r, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(read(r).get("error").asText()).containsIgnoringCase(reason);
  }

  @Test
  void aValidJwtIsAcceptedAndCardLinksUseThePublicBase() throws Exception {
    HttpResponse<String> r = call(sign(key, claims(EHR, AUD).build()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(read(r).at("/cards/0/links/0/url").asText()).isEqualTo(PUBLIC_BASE + "/fhir/ValueSet/cpt-81455-indications");
  }

  @Test
  void anIssuerWhoseKeysAreAtAJwksUrlIsAccepted() throws Exception {
    assertThat(call(sign(key2, claims(EHR2, AUD).build())).statusCode()).isEqualTo(200);
  }

  @Test
  void anExpiredJwtIsRefused() throws Exception {
    Instant past = Instant.now().minusSeconds(900);
    assertRefused(call(sign(key, claims(EHR, AUD).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))).build())),
        "expired");
  }

  @Test
  void theWrongAudienceIsRefused() throws Exception {
    // the address the request reached is not the public service URL
    assertRefused(call(sign(key, claims(EHR, base + PATH).build())), "aud");
    assertRefused(call(sign(key, claims(EHR, PUBLIC_BASE + "/cds-services/order-select-indications").build())), "aud");
  }

  @Test
  void aReplayedJtiIsRefused() throws Exception {
    String token = sign(key, claims(EHR, AUD).build());
    assertThat(call(token).statusCode()).isEqualTo(200);
    assertRefused(call(token), "replayed");
  }

  @Test
  void algNoneIsRefused() {
    String unsigned = new PlainJWT(claims(EHR, AUD).build()).serialize();
    assertRefused(call(unsigned), "alg none");
    // the same with a made-up signature part
    assertRefused(call(unsigned + "c2ln"), "");
  }

  @Test
  void hmacIsRefusedEvenWithTheIssuersPublicKeyAsSecret() throws Exception {
    // the classic key-confusion attack: HS256 keyed with the RSA public key
    byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(EHR, AUD).build());
    jwt.sign(new MACSigner(secret));
    assertRefused(call(jwt.serialize()), "HS256");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    assertRefused(call(sign(stranger, claims(EHR, AUD).build())), "rejected");
    // a trusted issuer's name with the other issuer's key
    assertRefused(call(sign(key2, claims(EHR, AUD).build())), "rejected");
  }

  @Test
  void anUntrustedIssuerOrNoTokenIsRefused() throws Exception {
    assertRefused(call(sign(key, claims("https://evil.example.com", AUD).build())), "not trusted");
    assertRefused(call(null), "Bearer");
    assertRefused(call("not-a-jwt"), "not a JWT");
  }

  @Test
  void missingRequiredClaimsAreRefused() throws Exception {
    assertRefused(call(sign(key, claims(EHR, AUD).jwtID(null).build())), "jti");
    assertRefused(call(sign(key, claims(EHR, AUD).issueTime(null).build())), "iat");
  }

  @Test
  void aJwtIssuedInTheFutureOrLivingTooLongIsRefused() throws Exception {
    Instant later = Instant.now().plusSeconds(600);
    assertRefused(call(sign(key, claims(EHR, AUD).issueTime(Date.from(later)).expirationTime(Date.from(later.plusSeconds(60))).build())),
        "future");
    assertRefused(call(sign(key, claims(EHR, AUD).expirationTime(Date.from(Instant.now().plusSeconds(86_400))).build())),
        "too far");
  }

  @Test
  void feedbackNeedsAValidJwtToo() throws Exception {
    String body = "{\"feedback\": [{\"card\": \"" + UUID.randomUUID() + "\", \"outcome\": \"accepted\"}]}";
    assertThat(CdsRequests.post(base, PATH + "/feedback", body, null).statusCode()).isEqualTo(401);
    assertThat(CdsRequests.post(base, PATH + "/feedback", body, sign(key, claims(EHR, AUD).build())).statusCode()).isEqualTo(200);
  }

  @Test
  void discoveryStaysOpen() {
    assertThat(org.moltx.TestServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/cds-services")).GET())
        .statusCode()).isEqualTo(200);
  }

  @Test
  void theSignatureCoversTheClaims() throws Exception {
    String[] parts = sign(key, claims(EHR, AUD).build()).split("\\.");
    String forged = parts[0] + "." + Base64URL.encode(claims(EHR, AUD).subject("admin").build().toString()) + "." + parts[2];
    assertRefused(call(forged), "rejected");
  }
}
