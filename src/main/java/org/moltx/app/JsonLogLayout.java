package org.moltx.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object a line: {@code ts}, {@code level}, {@code logger}, {@code thread}, {@code msg}, the event's
 * key-value pairs as fields (the access log's method, target, status, bytes, ms, ...), and {@code error} with the
 * stack trace when there is one.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public String doLayout(ILoggingEvent event) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      g.writeStringField("level", event.getLevel().toString());
      g.writeStringField("logger", event.getLoggerName());
      g.writeStringField("thread", event.getThreadName());
      g.writeStringField("msg", event.getFormattedMessage());
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair kv : event.getKeyValuePairs()) {
          if (kv.value instanceof Number n) {
            g.writeFieldName(kv.key);
            if (n instanceof Double || n instanceof Float) {
              g.writeNumber(n.doubleValue());
            } else {
              g.writeNumber(n.longValue());
            }
          } else {
            g.writeStringField(kv.key, String.valueOf(kv.value));
          }
        }
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        g.writeStringField("error", ThrowableProxyUtil.asString(error));
      }
      g.writeEndObject();
    } catch (IOException e) {
      return "{\"msg\":\"log event could not be written as JSON\"}\n";
    }
    return out.append('\n').toString();
  }
}
