package org.moltx.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the configured format, replacing the start-up appenders (LogbackDefaults): plain lines or JSON
 * lines on stdout. The access log (logger {@code moltx.access}) is buffered as nginx's {@code access_log ...
 * buffer= flush=} is: lines collect in a 4 KB buffer written when full and at least every 200 ms, so a busy server
 * makes one write per ~40 lines instead of a write (and a logging thread's wake-up) per request, which cost about
 * a third of a response-cache hit's throughput (alternating starts, access log on and off). Each write holds whole
 * lines and at most 4 KB, which a pipe (Docker's log driver) takes atomically, so access lines never interleave with
 * other log lines mid-line. As with nginx, a stdout that stops taking lines (a stalled log driver, a full pipe) makes
 * the request that fills the buffer wait for it; the asynchronous appender this replaced dropped lines instead.
 */
final class Logging {
  static final String PLAIN_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
  static final int ACCESS_BUFFER_BYTES = 4096;
  static final long ACCESS_FLUSH_MS = 200;
  /** The server's access log buffer (the latest configured), flushed once more when the server has stopped. */
  private static volatile BufferedOutputStream accessBuffer;

  private Logging() {}

  /** Writes out the access lines still buffered (the server calls this when it has stopped). */
  static void flushAccessLog() {
    BufferedOutputStream buffer = accessBuffer;
    if (buffer != null) {
      flush(buffer);
    }
  }

  private static void flush(BufferedOutputStream buffer) {
    try {
      buffer.flush();
    } catch (IOException e) {
      // stdout gone: nothing to tell it to
    }
  }

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
    if (accessLog) {
      // stdout itself is never closed when the appender stops: the other appenders write to it too
      OutputStream stdout = new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len); // whole, as the buffer hands it over (FilterOutputStream would go byte by byte)
        }

        @Override
        public void close() throws IOException {
          flush();
        }
      };
      access.addAppender(buffered(ctx, "ACCESS", format, stdout));
    }
  }

  /** An appender writing to {@code sink} through a buffer that a daemon timer of the logging context flushes. */
  static OutputStreamAppender<ILoggingEvent> buffered(LoggerContext ctx, String name, Config.LogFormat format,
      OutputStream sink) {
    // BufferedOutputStream's write and flush are synchronized: the timer's flush and a request's write do not tear
    BufferedOutputStream buffer = new BufferedOutputStream(sink, ACCESS_BUFFER_BYTES);
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(ctx);
    appender.setName(name);
    appender.setEncoder(format == Config.LogFormat.PLAIN ? plainLines(ctx) : encoder(ctx, format));
    appender.setImmediateFlush(false);
    appender.setOutputStream(buffer);
    appender.start();
    accessBuffer = buffer;
    ctx.getScheduledExecutorService().scheduleAtFixedRate(() -> flush(buffer), ACCESS_FLUSH_MS, ACCESS_FLUSH_MS,
        TimeUnit.MILLISECONDS);
    return appender;
  }

  static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx, String name, Config.LogFormat format) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName(name);
    console.setEncoder(encoder(ctx, format));
    console.start();
    return console;
  }

  private static Encoder<ILoggingEvent> plainLines(LoggerContext ctx) {
    PlainLineEncoder encoder = new PlainLineEncoder();
    encoder.setContext(ctx);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, Config.LogFormat format) {
    if (format == Config.LogFormat.JSON) {
      JsonLogLayout layout = new JsonLogLayout();
      layout.setContext(ctx);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
      wrapping.setContext(ctx);
      wrapping.setLayout(layout);
      wrapping.start();
      return wrapping;
    }
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(ctx);
    pattern.setPattern(PLAIN_PATTERN);
    pattern.start();
    return pattern;
  }
}
