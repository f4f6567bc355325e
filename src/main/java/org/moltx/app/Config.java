package org.moltx.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Start-up options. Each is a flag and an environment variable; a flag wins over the environment.
 *
 * @param port HTTP port (0: any free port)
 * @param contentDir terminology folder to serve; null serves the content embedded in the jar
 */
public record Config(int port, Path contentDir) {
  public static final String USAGE = """
      Usage: java -jar moltx.jar [options]
        --port N         HTTP port (env MOLTX_PORT; default 8080). FHIR is served at /fhir.
        --content DIR    terminology folder to serve instead of the embedded default content (env MOLTX_CONTENT)
        --help           show this help
      """;

  public static Config defaults() {
    return new Config(8080, null);
  }

  /** Parses flags over the environment; throws IllegalArgumentException with a message for people. */
  public static Config parse(String[] args, Map<String, String> env) {
    int port = env.containsKey("MOLTX_PORT") ? port(env.get("MOLTX_PORT"), "MOLTX_PORT") : 8080;
    Path content = env.containsKey("MOLTX_CONTENT") ? Path.of(env.get("MOLTX_CONTENT")) : null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = port(value(args, ++i, "--port"), "--port");
        case "--content" -> content = Path.of(value(args, ++i, "--content"));
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    return new Config(port, content);
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
