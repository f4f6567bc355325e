package org.moltx.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.moltx.cdshooks.CdsSettings;

/**
 * Start-up options. Each is a flag and an environment variable; a flag wins over the environment.
 *
 * @param port HTTP port (0: any free port)
 * @param contentDir terminology folder to serve; null serves the content embedded in the jar
 * @param publicBase base URL clients use to reach this server (behind a proxy); null: each request's own
 * @param cdsIssuers trusted CDS Hooks client JWT issuers, each with its JWKS URL or file; empty: CDS Hooks runs open
 */
public record Config(int port, Path contentDir, String publicBase, Map<String, String> cdsIssuers) {
  public static final String USAGE = """
      Usage: java -jar moltx.jar [options]
        --port N         HTTP port (env MOLTX_PORT; default 8080). FHIR is served at /fhir.
        --content DIR    terminology folder to serve instead of the embedded default content (env MOLTX_CONTENT)
        --public-base URL  base URL clients use to reach this server, e.g. https://tx.example.org, when behind a
                         proxy (env MOLTX_PUBLIC_BASE); CDS Hooks checks the JWT aud and builds card links on it
        --cds-issuer ISS=JWKS  trust CDS Hooks client JWTs from issuer ISS, verified with the keys of JWKS (an
                         https URL or a file); repeatable (env MOLTX_CDS_ISSUERS: ISS=JWKS entries separated by
                         spaces or commas). Without any, CDS Hooks at /cds-services runs open.
        --help           show this help
      """;

  public Config {
    publicBase = publicBase == null || publicBase.isBlank() ? null : publicBase.trim();
    cdsIssuers = cdsIssuers == null ? Map.of() : Map.copyOf(cdsIssuers);
  }

  public Config(int port, Path contentDir) {
    this(port, contentDir, null, Map.of());
  }

  public static Config defaults() {
    return new Config(8080, null);
  }

  public CdsSettings cdsSettings() {
    return new CdsSettings(publicBase, cdsIssuers, 60);
  }

  /** Parses flags over the environment; throws IllegalArgumentException with a message for people. */
  public static Config parse(String[] args, Map<String, String> env) {
    int port = env.containsKey("MOLTX_PORT") ? port(env.get("MOLTX_PORT"), "MOLTX_PORT") : 8080;
    Path content = env.containsKey("MOLTX_CONTENT") ? Path.of(env.get("MOLTX_CONTENT")) : null;
    String publicBase = env.get("MOLTX_PUBLIC_BASE");
    Map<String, String> envIssuers = new LinkedHashMap<>();
    if (env.containsKey("MOLTX_CDS_ISSUERS")) {
      for (String entry : env.get("MOLTX_CDS_ISSUERS").trim().split("[\\s,]+")) {
        if (!entry.isEmpty()) {
          issuer(entry, "MOLTX_CDS_ISSUERS", envIssuers);
        }
      }
    }
    Map<String, String> flagIssuers = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = port(value(args, ++i, "--port"), "--port");
        case "--content" -> content = Path.of(value(args, ++i, "--content"));
        case "--public-base" -> publicBase = value(args, ++i, "--public-base");
        case "--cds-issuer" -> issuer(value(args, ++i, "--cds-issuer"), "--cds-issuer", flagIssuers);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (publicBase != null && !publicBase.isBlank() && !publicBase.matches("https?://[^\\s]+")) {
      throw new IllegalArgumentException("public base '" + publicBase + "' is not an http(s) URL");
    }
    return new Config(port, content, publicBase, flagIssuers.isEmpty() ? envIssuers : flagIssuers);
  }

  /** One ISS=JWKS entry; the JWKS location is everything after the first '=' (URLs may hold more). */
  private static void issuer(String entry, String source, Map<String, String> into) {
    int eq = entry.indexOf('=');
    if (eq <= 0 || eq == entry.length() - 1) {
      throw new IllegalArgumentException(source + ": '" + entry + "' is not ISSUER=JWKS (a JWKS URL or file)");
    }
    into.put(entry.substring(0, eq), entry.substring(eq + 1));
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int port(String s, String source) {
    try {
      int p = Integer.parseInt(s.trim());
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": '" + s + "' is not a port number (0-65535)");
    }
  }
}
