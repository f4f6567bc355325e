package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogLayoutTest {
  @Test
  void oneJsonObjectALineWithTheKeyValuesAsFields() throws Exception {
    LoggerContext ctx = new LoggerContext();
    LoggingEvent event = new LoggingEvent("x", ctx.getLogger("moltx.access"), Level.INFO,
        "GET /fhir/metadata 200 \"quoted\"\nsecond line", new IllegalStateException("boom"), null);
    event.addKeyValuePair(new KeyValuePair("status", 200));
    event.addKeyValuePair(new KeyValuePair("ms", 1.25));
    event.addKeyValuePair(new KeyValuePair("target", "/fhir/metadata"));
    String line = new JsonLogLayout().doLayout(event);
    assertThat(line).endsWith("}\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("logger").asText()).isEqualTo("moltx.access");
    assertThat(json.path("msg").asText()).contains("\"quoted\"\nsecond line");
    assertThat(json.path("status").asInt()).isEqualTo(200);
    assertThat(json.path("ms").asDouble()).isEqualTo(1.25);
    assertThat(json.path("target").asText()).isEqualTo("/fhir/metadata");
    assertThat(json.path("error").asText()).contains("IllegalStateException: boom");
    assertThat(json.path("ts").asText()).endsWith("Z");
  }
}
