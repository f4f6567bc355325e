package org.moltx.app;

import java.lang.management.ManagementFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.moltx.http.Reloader;
import org.moltx.engine.Terminology;
import org.moltx.loader.LoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts moltx: {@code java -jar moltx.jar [options]}; {@code --help} lists them. */
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
      System.err.println("moltx: see --help for the options");
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat(), config.accessLog());
    Server server;
    try {
      server = ServerFactory.createServer(config.port(), config);
    } catch (LoadException e) {
      log.error("content failed to load: {}", e.getMessage());
      System.exit(1);
      return;
    }
    server.setStopAtShutdown(true);
    server.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStopped(LifeCycle event) {
        Logging.flushAccessLog(); // the last requests' lines
      }
    });
    server.start();
    try {
      server.getBean(Terminology.class).store();
    } catch (LoadException e) {
      log.error("content failed to load: {}", e.getMessage());
      server.stop();
      System.exit(1);
      return;
    }
    Reloader reloader = server.getBean(Reloader.class);
    onHangup(reloader);
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    Runtime rt = Runtime.getRuntime();
    log.info("moltx ready at {}fhir in {} ms (heap used {} MB)", server.getURI(), uptime,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
    if (CdsTraining.requested()) {
      CdsTraining.run(server.getURI());
      server.stop();
      log.info("CDS training run done: exiting (the JVM writes the -XX:ArchiveClassesAtExit archive now)");
      System.exit(0);
    }
    server.join();
  }

  /** SIGHUP reloads the content (as POST /admin/reload does), on a thread of its own. */
  @SuppressWarnings("restriction")
  private static void onHangup(Reloader reloader) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        Thread t = new Thread(() -> log.info("SIGHUP: {}", reloader.reload().message()), "moltx-reload");
        t.setDaemon(true);
        t.start();
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("SIGHUP reload not available on this platform: {}", e.getMessage());
    }
  }
}
