package org.moltx.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.moltx.store.TerminologyStore;

/** A FHIR JSON answer as a page: indented, keys, strings, numbers and literals marked for highlighting, escaped. */
final class JsonHtml {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonHtml() {}

  static String page(TerminologyStore store, String title, String request, int status, byte[] json) {
    Html m = new Html();
    m.el("h1", title);
    m.open("p", "class", "summary").text("Status " + status + " \u00b7 ")
        .a(request + (request.contains("?") ? "&" : "?") + "_format=json", "as JSON").close("p");
    // focusable and named: a keyboard user can scroll a long answer sideways
    m.open("pre", "class", "json", "tabindex", "0", "role", "region", "aria-label", "FHIR JSON answer").open("code");
    try {
      write(m, JSON.readTree(json), 0);
    } catch (IOException e) {
      m.text(new String(json, java.nio.charset.StandardCharsets.UTF_8)); // not JSON after all: as text
    }
    m.close("code").close("pre");
    return Layout.page(store, title, m, null, null, false);
  }

  private static void write(Html m, JsonNode node, int depth) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        m.text("{}");
        return;
      }
      m.text("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        m.text(indent(depth + 1)).el("span", "\"" + f.getKey() + "\"", "class", "j-key").text(": ");
        write(m, f.getValue(), depth + 1);
        m.text(fields.hasNext() ? ",\n" : "\n");
      }
      m.text(indent(depth) + "}");
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        m.text("[]");
        return;
      }
      m.text("[\n");
      for (int i = 0; i < node.size(); i++) {
        m.text(indent(depth + 1));
        write(m, node.get(i), depth + 1);
        m.text(i + 1 < node.size() ? ",\n" : "\n");
      }
      m.text(indent(depth) + "]");
    } else if (node.isTextual()) {
      m.el("span", node.toString(), "class", "j-string");
    } else if (node.isNumber()) {
      m.el("span", node.toString(), "class", "j-number");
    } else {
      m.el("span", node.toString(), "class", "j-literal");
    }
  }

  private static String indent(int depth) {
    return "  ".repeat(depth);
  }
}
