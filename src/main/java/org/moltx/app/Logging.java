package org.moltx.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the configured format, replacing the start-up appenders (LogbackDefaults): plain lines or JSON lines on stdout.
 * The access log (logger {@code moltx.access}) goes through an asynchronous appender so requests never wait for the
 * console; if its queue is ever full, access lines are dropped rather than requests slowed.
 */
final class Logging {
  static final String PLAIN_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  private Logging() {}

  static void configure(Config.LogFormat format, boolean accessLog) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(console(ctx, "STDOUT", format));

    Logger access = ctx.getLogger("moltx.access");
    access.detachAndStopAllAppenders();
    access.setAdditive(false);
    access.setLevel(accessLog ? Level.INFO : Level.OFF);
    AsyncAppender async = new AsyncAppender();
    async.setContext(ctx);
    async.setName("ACCESS");
    async.setQueueSize(8192);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(true);
    async.addAppender(console(ctx, "ACCESS_STDOUT", format));
    async.start();
    access.addAppender(async);
  }

  static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx, String name, Config.LogFormat format) {
    Encoder<ILoggingEvent> encoder;
    if (format == Config.LogFormat.JSON) {
      JsonLogLayout layout = new JsonLogLayout();
      layout.setContext(ctx);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
      wrapping.setContext(ctx);
      wrapping.setLayout(layout);
      wrapping.start();
      encoder = wrapping;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setContext(ctx);
      pattern.setPattern(PLAIN_PATTERN);
      pattern.start();
      encoder = pattern;
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName(name);
    console.setEncoder(encoder);
    console.start();
    return console;
  }
}
