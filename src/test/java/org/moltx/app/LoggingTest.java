package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingTest {
  /** Records each write the buffer makes to the stream under it. */
  private static final class Writes extends OutputStream {
    final List<String> chunks = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
      chunks.add(String.valueOf((char) b));
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      chunks.add(new String(Arrays.copyOfRange(b, off, off + len)));
    }

    synchronized List<String> chunks() {
      return List.copyOf(chunks);
    }
  }

  @Test
  void theAccessLogIsWrittenInWholeLinesOfAtMostItsBufferAndFlushedByTheTimer() throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    ctx.start();
    Writes sink = new Writes();
    Logger access = ctx.getLogger("moltx.access");
    access.addAppender(Logging.buffered(ctx, "TEST", Config.LogFormat.PLAIN, sink));
    String target = "GET /fhir/CodeSystem/$lookup?code=" + "X".repeat(60) + " 200";
    for (int i = 0; i < 100; i++) {
      access.info(target + " " + i);
    }
    List<String> full = sink.chunks(); // written as the 4 KB buffer filled, before any flush
    assertThat(full).isNotEmpty();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sink.chunks().stream().mapToInt(c -> (int) c.lines().count()).sum() < 100 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<String> chunks = sink.chunks();
    List<String> lines = chunks.stream().flatMap(String::lines).toList();
    assertThat(lines).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(lines.get(i)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  access - \\Q" + target + " " + i + "\\E");
    }
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk).endsWith("\n");
      assertThat(chunk.length()).isLessThanOrEqualTo(Logging.ACCESS_BUFFER_BYTES);
    });
    ctx.stop();
  }

  @Test
  void thePlainLineEncoderWritesWhatThePlainPatternWrites() {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(ctx);
    pattern.setPattern(Logging.PLAIN_PATTERN);
    pattern.start();
    PlainLineEncoder plain = new PlainLineEncoder();
    plain.setContext(ctx);
    plain.start();
    for (Level level : List.of(Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG)) {
      for (String name : List.of("moltx.access", "org.moltx.app.Main", "root")) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), ctx.getLogger(name), level,
            "GET /fhir/metadata 200 {}B", null, new Object[] {5121});
        assertThat(new String(plain.encode(event))).isEqualTo(new String(pattern.encode(event)));
      }
    }
  }
}
