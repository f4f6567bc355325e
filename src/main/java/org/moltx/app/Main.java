package org.moltx.app;

import java.lang.management.ManagementFactory;
import org.eclipse.jetty.server.Server;
import org.moltx.loader.LoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts moltx: {@code java -jar moltx.jar [--port N] [--content DIR]}. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(Config.USAGE);
      return;
    }
    Config config;
    try {
      config = Config.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("moltx: " + e.getMessage());
      System.err.print(Config.USAGE);
      System.exit(2);
      return;
    }
    Server server;
    try {
      server = ServerFactory.createServer(config.port(), config);
    } catch (LoadException e) {
      log.error("content failed to load: {}", e.getMessage());
      System.exit(1);
      return;
    }
    server.setStopAtShutdown(true);
    server.start();
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    Runtime rt = Runtime.getRuntime();
    log.info("moltx ready at {}fhir in {} ms (heap used {} MB)", server.getURI(), uptime,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
    server.join();
  }
}
