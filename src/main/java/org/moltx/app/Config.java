package org.moltx.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moltx.cdshooks.CdsSettings;

/**
 * Start-up options. Each is a flag and an environment variable; a flag wins over the environment. {@link #USAGE} is
 * the documentation (also in docs/deployment.md).
 *
 * @param port HTTP port (0: any free port)
 * @param contentDir terminology folder to serve; null serves the content embedded in the jar
 * @param publicBase base URL clients use to reach this server (behind a proxy); null: each request's own
 * @param cdsIssuers trusted CDS Hooks client JWT issuers, each with its JWKS URL or file; empty: CDS Hooks runs open
 * @param trustedProxies addresses or CIDR ranges whose Forwarded / X-Forwarded-* headers are honoured; empty: none
 * @param corsOrigins origins allowed by CORS ("*": any); empty: CORS off
 * @param maxBodyBytes largest request body accepted (413 beyond)
 * @param maxUrlLength longest request target (path and query) accepted (414 beyond)
 * @param maxParams most query parameters accepted in one request (400 beyond)
 * @param maxHeaderBytes largest request line plus headers accepted (431 beyond; 414 for a longer request line)
 * @param logFormat plain text or JSON lines
 * @param accessLog one log line per request (method, path, status, bytes, latency)
 * @param adminToken bearer token of the admin endpoints (POST /admin/reload); null: admin endpoints off (404)
 * @param cacheEntries most responses held by the response cache (0: cache off)
 * @param cacheBytes most bytes held by the response cache
 * @param cacheMaxAgeSeconds Cache-Control max-age of cacheable responses
 * @param shutdownTimeoutMillis how long a graceful stop waits for requests in flight
 * @param coreTerminology serve the FHIR R4 core CodeSystems and ValueSets (loaded on first use) where the content
 *     does not define a canonical
 * @param packages the user's FHIR NPM packages (.tgz) served beside the content, in this order
 */
public record Config(int port, Path contentDir, String publicBase, Map<String, String> cdsIssuers,
    List<String> trustedProxies, List<String> corsOrigins, long maxBodyBytes, int maxUrlLength, int maxParams,
    int maxHeaderBytes, LogFormat logFormat, boolean accessLog, String adminToken, int cacheEntries, long cacheBytes,
    int cacheMaxAgeSeconds, long shutdownTimeoutMillis, boolean coreTerminology, List<Path> packages) {

  public enum LogFormat { PLAIN, JSON }

  public static final long DEFAULT_MAX_BODY = 4L << 20;
  public static final int DEFAULT_MAX_URL = 8192;
  public static final int DEFAULT_MAX_PARAMS = 100;
  public static final int DEFAULT_MAX_HEADER = 16384;
  public static final int DEFAULT_CACHE_ENTRIES = 10_000;
  public static final long DEFAULT_CACHE_BYTES = 16L << 20;
  public static final int DEFAULT_CACHE_MAX_AGE = 3600;
  public static final long DEFAULT_SHUTDOWN_MILLIS = 10_000;

  public static final String USAGE = """
      Usage: java -jar moltx.jar [options]
      Every option is also an environment variable; a flag wins over the environment.
        --port N               HTTP port (env MOLTX_PORT; default 8080). FHIR is served at /fhir.
        --content DIR          terminology folder to serve instead of the embedded default content
                               (env MOLTX_CONTENT)
        --public-base URL      base URL clients use to reach this server, e.g. https://tx.example.org, when behind
                               a proxy (env MOLTX_PUBLIC_BASE); FHIR links and CDS Hooks (JWT aud, card links) use it
        --trusted-proxy ADDR   honour Forwarded / X-Forwarded-* headers only from this address or CIDR range
                               (e.g. 10.0.0.0/8); repeatable (env MOLTX_TRUSTED_PROXIES: comma or space separated).
                               Default: none (the headers are ignored)
        --cors-origins LIST    origins allowed by CORS on /fhir, comma separated; '*' allows any, 'none' turns CORS
                               off (env MOLTX_CORS_ORIGINS; default '*': the content is public and read-only, no
                               cookies are used, credentials are not allowed). CDS Hooks keeps its own CORS (any).
        --max-body-bytes N     largest request body, in bytes (env MOLTX_MAX_BODY_BYTES; default 4194304); 413 beyond
        --max-url-length N     longest path and query, in characters (env MOLTX_MAX_URL_LENGTH; default 8192);
                               414 beyond
        --max-params N         most query parameters in a request (env MOLTX_MAX_PARAMS; default 100); 400 beyond
        --max-header-bytes N   largest request line plus headers (env MOLTX_MAX_HEADER_BYTES; default 16384);
                               431 beyond
        --log-format FMT       plain or json (one JSON object a line) (env MOLTX_LOG_FORMAT; default plain)
        --access-log BOOL      one log line per request with its latency (env MOLTX_ACCESS_LOG; default true)
        --admin-token TOKEN    enables POST /admin/reload with 'Authorization: Bearer TOKEN' (env MOLTX_ADMIN_TOKEN;
                               default: none, the admin endpoints answer 404). SIGHUP reloads in any case.
        --cache-entries N      responses kept by the GET response cache; 0 turns it off
                               (env MOLTX_CACHE_ENTRIES; default 10000)
        --cache-bytes N        bytes kept by the response cache (env MOLTX_CACHE_BYTES; default 16777216)
        --cache-max-age S      Cache-Control max-age of cacheable responses, in seconds
                               (env MOLTX_CACHE_MAX_AGE; default 3600)
        --shutdown-timeout MS  how long a stop waits for requests in flight (env MOLTX_SHUTDOWN_TIMEOUT;
                               default 10000)
        --core-terminology BOOL  serve the FHIR R4 core CodeSystems and ValueSets (administrative-gender,
                               publication-status, v2 tables, v3 code systems...) where the content does not define
                               them; loaded on first use (env MOLTX_CORE_TERMINOLOGY; default true)
        --package FILE         serve a FHIR NPM package (.tgz): its CodeSystems, ValueSets, ConceptMaps and the
                               aliases its NamingSystems give; repeatable, earlier packages first (env MOLTX_PACKAGE:
                               files separated by '%s'). The content's own packages (releases.json) come before.
        --cds-issuer ISS=JWKS  trust CDS Hooks client JWTs from issuer ISS, verified with the keys of JWKS (an
                               https URL or a file); repeatable (env MOLTX_CDS_ISSUERS: ISS=JWKS entries separated by
                               spaces or commas). Without any, CDS Hooks at /cds-services runs open.
        --help                 show this help
      """.formatted(java.io.File.pathSeparator);

  public Config {
    publicBase = publicBase == null || publicBase.isBlank() ? null : publicBase.trim().replaceAll("/+$", "");
    cdsIssuers = cdsIssuers == null ? Map.of() : Map.copyOf(cdsIssuers);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    logFormat = logFormat == null ? LogFormat.PLAIN : logFormat;
    adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
    packages = packages == null ? List.of() : List.copyOf(packages);
  }

  /** The options without packages of the user's. */
  public Config(int port, Path contentDir, String publicBase, Map<String, String> cdsIssuers,
      List<String> trustedProxies, List<String> corsOrigins, long maxBodyBytes, int maxUrlLength, int maxParams,
      int maxHeaderBytes, LogFormat logFormat, boolean accessLog, String adminToken, int cacheEntries, long cacheBytes,
      int cacheMaxAgeSeconds, long shutdownTimeoutMillis, boolean coreTerminology) {
    this(port, contentDir, publicBase, cdsIssuers, trustedProxies, corsOrigins, maxBodyBytes, maxUrlLength, maxParams,
        maxHeaderBytes, logFormat, accessLog, adminToken, cacheEntries, cacheBytes, cacheMaxAgeSeconds,
        shutdownTimeoutMillis, coreTerminology, List.of());
  }

  /** This configuration serving these packages of the user's. */
  public Config withPackages(List<Path> files) {
    return new Config(port, contentDir, publicBase, cdsIssuers, trustedProxies, corsOrigins, maxBodyBytes,
        maxUrlLength, maxParams, maxHeaderBytes, logFormat, accessLog, adminToken, cacheEntries, cacheBytes,
        cacheMaxAgeSeconds, shutdownTimeoutMillis, coreTerminology, files);
  }

  /** The options with the core terminology on. */
  public Config(int port, Path contentDir, String publicBase, Map<String, String> cdsIssuers,
      List<String> trustedProxies, List<String> corsOrigins, long maxBodyBytes, int maxUrlLength, int maxParams,
      int maxHeaderBytes, LogFormat logFormat, boolean accessLog, String adminToken, int cacheEntries, long cacheBytes,
      int cacheMaxAgeSeconds, long shutdownTimeoutMillis) {
    this(port, contentDir, publicBase, cdsIssuers, trustedProxies, corsOrigins, maxBodyBytes, maxUrlLength, maxParams,
        maxHeaderBytes, logFormat, accessLog, adminToken, cacheEntries, cacheBytes, cacheMaxAgeSeconds,
        shutdownTimeoutMillis, true);
  }

  /** This configuration with the core terminology on or off. */
  public Config withCoreTerminology(boolean on) {
    return new Config(port, contentDir, publicBase, cdsIssuers, trustedProxies, corsOrigins, maxBodyBytes,
        maxUrlLength, maxParams, maxHeaderBytes, logFormat, accessLog, adminToken, cacheEntries, cacheBytes,
        cacheMaxAgeSeconds, shutdownTimeoutMillis, on, packages);
  }

  public Config(int port, Path contentDir, String publicBase, Map<String, String> cdsIssuers) {
    this(port, contentDir, publicBase, cdsIssuers, List.of(), List.of("*"), DEFAULT_MAX_BODY, DEFAULT_MAX_URL,
        DEFAULT_MAX_PARAMS, DEFAULT_MAX_HEADER, LogFormat.PLAIN, true, null, DEFAULT_CACHE_ENTRIES,
        DEFAULT_CACHE_BYTES, DEFAULT_CACHE_MAX_AGE, DEFAULT_SHUTDOWN_MILLIS);
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
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (Option o : Option.values()) {
      String v = env.get(o.env);
      if (v != null) {
        if (o.splitter != null) {
          lists.put(o.flag, o.splitter.apply(v));
        } else {
          values.put(o.flag, v);
        }
      }
    }
    Map<String, List<String>> flagLists = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      Option o = Option.byFlag(args[i]);
      if (o == null) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
      String v = value(args, ++i, o.flag);
      if (o.splitter != null) {
        flagLists.computeIfAbsent(o.flag, k -> new ArrayList<>()).addAll(o.splitter.apply(v));
      } else {
        values.put(o.flag, v);
      }
    }
    lists.putAll(flagLists);

    int port = values.containsKey("--port") ? port(values.get("--port"), source("--port", args)) : 8080;
    Path content = values.containsKey("--content") ? Path.of(values.get("--content")) : null;
    String publicBase = values.get("--public-base");
    if (publicBase != null && !publicBase.isBlank() && !publicBase.matches("https?://[^\\s]+")) {
      throw new IllegalArgumentException("public base '" + publicBase + "' is not an http(s) URL");
    }
    Map<String, String> issuers = new LinkedHashMap<>();
    for (String entry : lists.getOrDefault("--cds-issuer", List.of())) {
      issuer(entry, source("--cds-issuer", args), issuers);
    }
    List<String> proxies = lists.getOrDefault("--trusted-proxy", List.of());
    for (String p : proxies) {
      if (!p.matches("[0-9A-Fa-f.:]+(/\\d{1,3})?")) {
        throw new IllegalArgumentException(source("--trusted-proxy", args) + ": '" + p
            + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8)");
      }
    }
    List<String> cors = List.of("*");
    if (values.containsKey("--cors-origins")) {
      String v = values.get("--cors-origins").trim();
      cors = v.isEmpty() || v.equalsIgnoreCase("none") ? List.of() : split(v);
      for (String origin : cors) {
        if (!origin.equals("*") && !origin.matches("https?://[^\\s/]+")) {
          throw new IllegalArgumentException(source("--cors-origins", args) + ": '" + origin
              + "' is not '*' or an origin such as https://app.example.org");
        }
      }
    }
    long maxBody = number(values, "--max-body-bytes", args, DEFAULT_MAX_BODY, 1, Long.MAX_VALUE);
    int maxUrl = (int) number(values, "--max-url-length", args, DEFAULT_MAX_URL, 64, 1 << 20);
    int maxParams = (int) number(values, "--max-params", args, DEFAULT_MAX_PARAMS, 1, 100_000);
    int maxHeader = (int) number(values, "--max-header-bytes", args, DEFAULT_MAX_HEADER, 1024, 1 << 20);
    LogFormat logFormat = LogFormat.PLAIN;
    if (values.containsKey("--log-format")) {
      String v = values.get("--log-format").trim().toLowerCase(Locale.ROOT);
      logFormat = switch (v) {
        case "plain", "text" -> LogFormat.PLAIN;
        case "json" -> LogFormat.JSON;
        default -> throw new IllegalArgumentException(source("--log-format", args) + ": '" + v
            + "' is not plain or json");
      };
    }
    boolean accessLog = bool(values, "--access-log", args, true);
    boolean core = bool(values, "--core-terminology", args, true);
    String adminToken = values.get("--admin-token");
    if (adminToken != null && !adminToken.isBlank() && adminToken.trim().length() < 16) {
      throw new IllegalArgumentException(source("--admin-token", args) + ": the admin token needs at least 16 "
          + "characters");
    }
    int cacheEntries = (int) number(values, "--cache-entries", args, DEFAULT_CACHE_ENTRIES, 0, 10_000_000);
    long cacheBytes = number(values, "--cache-bytes", args, DEFAULT_CACHE_BYTES, 0, Long.MAX_VALUE);
    int maxAge = (int) number(values, "--cache-max-age", args, DEFAULT_CACHE_MAX_AGE, 0, 31_536_000);
    long shutdown = number(values, "--shutdown-timeout", args, DEFAULT_SHUTDOWN_MILLIS, 0, 600_000);
    return new Config(port, content, publicBase, issuers, proxies, cors, maxBody, maxUrl, maxParams, maxHeader,
        logFormat, accessLog, adminToken == null ? null : adminToken.trim(), cacheEntries, cacheBytes, maxAge,
        shutdown, core, lists.getOrDefault("--package", List.of()).stream().map(Path::of).toList());
  }

  private static boolean bool(Map<String, String> values, String flag, String[] args, boolean dflt) {
    if (!values.containsKey(flag)) {
      return dflt;
    }
    String v = values.get(flag).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new IllegalArgumentException(source(flag, args) + ": '" + v + "' is not true or false");
    };
  }

  /** The options: flag, environment variable, and for a list how one value splits into items (null: one value). */
  private enum Option {
    PORT("--port", "MOLTX_PORT"),
    CONTENT("--content", "MOLTX_CONTENT"),
    PUBLIC_BASE("--public-base", "MOLTX_PUBLIC_BASE"),
    TRUSTED_PROXY("--trusted-proxy", "MOLTX_TRUSTED_PROXIES", Config::split),
    CORS("--cors-origins", "MOLTX_CORS_ORIGINS"),
    MAX_BODY("--max-body-bytes", "MOLTX_MAX_BODY_BYTES"),
    MAX_URL("--max-url-length", "MOLTX_MAX_URL_LENGTH"),
    MAX_PARAMS("--max-params", "MOLTX_MAX_PARAMS"),
    MAX_HEADER("--max-header-bytes", "MOLTX_MAX_HEADER_BYTES"),
    LOG_FORMAT("--log-format", "MOLTX_LOG_FORMAT"),
    ACCESS_LOG("--access-log", "MOLTX_ACCESS_LOG"),
    ADMIN_TOKEN("--admin-token", "MOLTX_ADMIN_TOKEN"),
    CACHE_ENTRIES("--cache-entries", "MOLTX_CACHE_ENTRIES"),
    CACHE_BYTES("--cache-bytes", "MOLTX_CACHE_BYTES"),
    CACHE_MAX_AGE("--cache-max-age", "MOLTX_CACHE_MAX_AGE"),
    SHUTDOWN("--shutdown-timeout", "MOLTX_SHUTDOWN_TIMEOUT"),
    CORE_TERMINOLOGY("--core-terminology", "MOLTX_CORE_TERMINOLOGY"),
    PACKAGE("--package", "MOLTX_PACKAGE", Config::paths),
    CDS_ISSUER("--cds-issuer", "MOLTX_CDS_ISSUERS", Config::split);

    final String flag;
    final String env;
    final java.util.function.Function<String, List<String>> splitter;

    Option(String flag, String env) {
      this(flag, env, null);
    }

    Option(String flag, String env, java.util.function.Function<String, List<String>> splitter) {
      this.flag = flag;
      this.env = env;
      this.splitter = splitter;
    }

    static Option byFlag(String flag) {
      for (Option o : values()) {
        if (o.flag.equals(flag)) {
          return o;
        }
      }
      return null;
    }

    static Option of(String flag) {
      Option o = byFlag(flag);
      if (o == null) {
        throw new IllegalStateException(flag);
      }
      return o;
    }
  }

  /** Names the flag when it was given, else its environment variable, for error messages. */
  private static String source(String flag, String[] args) {
    for (String a : args) {
      if (a.equals(flag)) {
        return flag;
      }
    }
    return Option.of(flag).env;
  }

  /** File names, which may hold spaces and commas: separated as PATH separates them. */
  private static List<String> paths(String v) {
    return java.util.Arrays.stream(v.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator)))
        .map(String::trim).filter(f -> !f.isEmpty()).toList();
  }

  /** Items separated by commas or blanks. */
  private static List<String> split(String v) {
    List<String> out = new ArrayList<>();
    for (String s : v.trim().split("[\\s,]+")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static long number(Map<String, String> values, String flag, String[] args, long dflt, long min, long max) {
    String v = values.get(flag);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source(flag, args) + ": '" + v + "' is not a number from " + min + " to "
          + (max == Long.MAX_VALUE ? "any" : String.valueOf(max)));
    }
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
