package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static Config parse(Map<String, String> env, String... args) {
    return Config.parse(args, env);
  }

  @Test
  void defaultsAreDocumented() {
    Config c = parse(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.contentDir()).isNull();
    assertThat(c.corsOrigins()).containsExactly("*");
    assertThat(c.trustedProxies()).isEmpty();
    assertThat(c.maxBodyBytes()).isEqualTo(4L << 20);
    assertThat(c.maxUrlLength()).isEqualTo(8192);
    assertThat(c.maxParams()).isEqualTo(100);
    assertThat(c.maxHeaderBytes()).isEqualTo(16384);
    assertThat(c.logFormat()).isEqualTo(Config.LogFormat.PLAIN);
    assertThat(c.accessLog()).isTrue();
    assertThat(c.adminToken()).isNull();
    assertThat(c.cacheEntries()).isEqualTo(10_000);
    assertThat(c).isEqualTo(Config.defaults());
  }

  @Test
  void everyOptionIsAFlagAndAnEnvironmentVariableAndTheFlagWins() {
    Map<String, String> env = Map.ofEntries(
        Map.entry("MOLTX_PORT", "9000"), Map.entry("MOLTX_CONTENT", "/env/content"),
        Map.entry("MOLTX_PUBLIC_BASE", "https://env.example.org/"),
        Map.entry("MOLTX_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
        Map.entry("MOLTX_CORS_ORIGINS", "https://a.example.org,https://b.example.org"),
        Map.entry("MOLTX_MAX_BODY_BYTES", "1000"), Map.entry("MOLTX_MAX_URL_LENGTH", "2000"),
        Map.entry("MOLTX_MAX_PARAMS", "20"), Map.entry("MOLTX_MAX_HEADER_BYTES", "4096"),
        Map.entry("MOLTX_LOG_FORMAT", "json"), Map.entry("MOLTX_ACCESS_LOG", "false"),
        Map.entry("MOLTX_ADMIN_TOKEN", "0123456789abcdef0123"), Map.entry("MOLTX_CACHE_ENTRIES", "5"),
        Map.entry("MOLTX_CACHE_BYTES", "5000"), Map.entry("MOLTX_CACHE_MAX_AGE", "60"),
        Map.entry("MOLTX_SHUTDOWN_TIMEOUT", "2000"), Map.entry("MOLTX_CDS_ISSUERS", "ehr=/keys.json"));
    Config fromEnv = parse(env);
    assertThat(fromEnv).isEqualTo(new Config(9000, Path.of("/env/content"), "https://env.example.org",
        Map.of("ehr", "/keys.json"), List.of("10.0.0.0/8", "127.0.0.1"),
        List.of("https://a.example.org", "https://b.example.org"), 1000, 2000, 20, 4096, Config.LogFormat.JSON,
        false, "0123456789abcdef0123", 5, 5000, 60, 2000));

    Config fromFlags = parse(env, "--port", "9001", "--content", "/flag", "--public-base", "http://flag:1",
        "--trusted-proxy", "192.168.0.1", "--trusted-proxy", "::1", "--cors-origins", "none",
        "--max-body-bytes", "1", "--max-url-length", "100", "--max-params", "1", "--max-header-bytes", "2048",
        "--log-format", "plain", "--access-log", "on", "--admin-token", "flagflagflagflag", "--cache-entries", "0",
        "--cache-bytes", "0", "--cache-max-age", "0", "--shutdown-timeout", "0", "--cds-issuer", "x=y");
    assertThat(fromFlags).isEqualTo(new Config(9001, Path.of("/flag"), "http://flag:1", Map.of("x", "y"),
        List.of("192.168.0.1", "::1"), List.of(), 1, 100, 1, 2048, Config.LogFormat.PLAIN, true,
        "flagflagflagflag", 0, 0, 0, 0));
  }

  @Test
  void helpDocumentsEveryFlagAndItsEnvironmentVariable() {
    Matcher m = Pattern.compile("(--[a-z-]+)\\s").matcher(Config.USAGE);
    int flags = 0;
    while (m.find()) {
      flags++;
    }
    assertThat(flags).isGreaterThanOrEqualTo(18);
    for (String env : List.of("MOLTX_PORT", "MOLTX_CONTENT", "MOLTX_PUBLIC_BASE", "MOLTX_TRUSTED_PROXIES",
        "MOLTX_CORS_ORIGINS", "MOLTX_MAX_BODY_BYTES", "MOLTX_MAX_URL_LENGTH", "MOLTX_MAX_PARAMS",
        "MOLTX_MAX_HEADER_BYTES", "MOLTX_LOG_FORMAT", "MOLTX_ACCESS_LOG", "MOLTX_ADMIN_TOKEN", "MOLTX_CACHE_ENTRIES",
        "MOLTX_CACHE_BYTES", "MOLTX_CACHE_MAX_AGE", "MOLTX_SHUTDOWN_TIMEOUT", "MOLTX_CORE_TERMINOLOGY",
        "MOLTX_CDS_ISSUERS")) {
      assertThat(Config.USAGE).contains(env);
    }
  }

  @Test
  void badValuesSayWhatIsWrongAndWhere() {
    assertThatThrownBy(() -> parse(Map.of(), "--port", "x")).hasMessageContaining("--port: 'x' is not a port");
    assertThatThrownBy(() -> parse(Map.of("MOLTX_PORT", "70000"))).hasMessageContaining("MOLTX_PORT");
    assertThatThrownBy(() -> parse(Map.of(), "--nope")).hasMessageContaining("unknown option '--nope'");
    assertThatThrownBy(() -> parse(Map.of(), "--port")).hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--log-format", "xml")).hasMessageContaining("not plain or json");
    assertThatThrownBy(() -> parse(Map.of("MOLTX_MAX_BODY_BYTES", "-1"))).hasMessageContaining("MOLTX_MAX_BODY_BYTES");
    assertThatThrownBy(() -> parse(Map.of(), "--trusted-proxy", "evil.example.org"))
        .hasMessageContaining("not an IP address or CIDR");
    assertThatThrownBy(() -> parse(Map.of(), "--cors-origins", "example.org"))
        .hasMessageContaining("is not '*' or an origin");
    assertThatThrownBy(() -> parse(Map.of(), "--admin-token", "short")).hasMessageContaining("16 characters");
    assertThatThrownBy(() -> parse(Map.of(), "--access-log", "maybe")).hasMessageContaining("not true or false");
    assertThatThrownBy(() -> parse(Map.of(), "--public-base", "ftp://x")).hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> parse(Map.of(), "--cds-issuer", "noequals")).hasMessageContaining("ISSUER=JWKS");
  }

  @Test
  void corsCanBeTurnedOffOrListed() {
    assertThat(parse(Map.of("MOLTX_CORS_ORIGINS", "none")).corsOrigins()).isEmpty();
    assertThat(parse(Map.of("MOLTX_CORS_ORIGINS", "")).corsOrigins()).isEmpty();
    assertThat(parse(Map.of(), "--cors-origins", "*").corsOrigins()).containsExactly("*");
  }
}
