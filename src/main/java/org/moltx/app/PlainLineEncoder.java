package org.moltx.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The plain log line ({@link Logging#PLAIN_PATTERN}: {@code HH:mm:ss.SSS LEVEL logger - message}) written without
 * logback's pattern machinery, for the access log's one line per request: the layout's converters took a third of
 * the access log's cost on a response-cache hit (JFR). The time prefix is formatted once per millisecond.
 */
final class PlainLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());
  private static final byte[] NONE = new byte[0];

  private record Prefix(long millis, String text) {}

  private final Charset charset = Charset.defaultCharset();
  private volatile Prefix last = new Prefix(Long.MIN_VALUE, "");

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    String logger = event.getLoggerName();
    String level = event.getLevel().toString();
    StringBuilder line = new StringBuilder(96 + event.getFormattedMessage().length())
        .append(time(event.getTimeStamp())).append(' ').append(level);
    for (int pad = level.length(); pad < 5; pad++) {
      line.append(' '); // %-5level
    }
    return line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length()) // %logger{0}
        .append(" - ").append(event.getFormattedMessage()).append(System.lineSeparator())
        .toString().getBytes(charset);
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }

  private String time(long millis) {
    Prefix prefix = last;
    if (prefix.millis() != millis) {
      prefix = new Prefix(millis, TIME.format(Instant.ofEpochMilli(millis)));
      last = prefix;
    }
    return prefix.text();
  }
}
