package org.moltx.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration in code (found through META-INF/services), instead of a logback.xml: reading XML
 * loaded logback's Joran and the JDK's XML parser, ~250 classes every server carried for one file. Plain lines on
 * stdout, HAPI and Jetty at WARN; Main then applies the configured format ({@link Logging}). A logback.xml or
 * logback-test.xml on the class path, or -Dlogback.configurationFile, still wins: this configurator then steps aside.
 */
public final class LogbackDefaults extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    ClassLoader loader = LogbackDefaults.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ctx.getLogger("ca.uhn.fhir").setLevel(Level.WARN);
    ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(Logging.console(ctx, "STDOUT", Config.LogFormat.PLAIN));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
