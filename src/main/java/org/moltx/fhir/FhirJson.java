package org.moltx.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;
import org.moltx.model.CodingValue;

/**
 * FHIR JSON written straight to a stream with Jackson: the few shapes terminology answers use (objects, arrays,
 * primitives as FHIR types them, Codings), without building HAPI model objects. A value the request brought in as a
 * HAPI element (an echoed CodeableConcept, a value set's own extension) goes through HAPI's parser once.
 */
final class FhirJson implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper TREES = new ObjectMapper();

  private final JsonGenerator out;

  FhirJson(OutputStream stream, boolean pretty) {
    try {
      this.out = FACTORY.createGenerator(stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pretty) {
      out.useDefaultPrettyPrinter();
    }
  }

  FhirJson startResource(String type) {
    startObject();
    return string("resourceType", type);
  }

  FhirJson startObject() {
    return io(() -> out.writeStartObject());
  }

  FhirJson startObject(String name) {
    return io(() -> out.writeObjectFieldStart(name));
  }

  FhirJson end() {
    return io(() -> out.writeEndObject());
  }

  FhirJson startArray(String name) {
    return io(() -> out.writeArrayFieldStart(name));
  }

  FhirJson endArray() {
    return io(() -> out.writeEndArray());
  }

  /** A string-valued element (string, code, uri, canonical, id, dateTime...); nothing when null. */
  FhirJson string(String name, String value) {
    return value == null ? this : io(() -> out.writeStringField(name, value));
  }

  /** A string item of an array. */
  FhirJson arrayString(String value) {
    return io(() -> out.writeString(value));
  }

  FhirJson bool(String name, boolean value) {
    return io(() -> out.writeBooleanField(name, value));
  }

  FhirJson integer(String name, int value) {
    return io(() -> out.writeNumberField(name, value));
  }

  FhirJson decimal(String name, BigDecimal value) {
    return io(() -> {
      out.writeFieldName(name);
      out.writeNumber(value.toString());
    });
  }

  /** A Coding object as the value of {@code name} (or an array item when name is null). */
  FhirJson coding(String name, CodingValue c) {
    if (name == null) {
      startObject();
    } else {
      startObject(name);
    }
    return string("system", c.system()).string("code", c.code()).string("display", c.display()).end();
  }

  /** One Parameters.parameter with a primitive or Coding value: {"name": ..., "value[x]": ...}. */
  FhirJson parameter(String name, String valueElement, String value) {
    return startObject().string("name", name).string(valueElement, value).end();
  }

  FhirJson parameter(String name, boolean value) {
    return startObject().string("name", name).bool("valueBoolean", value).end();
  }

  /**
   * A value[x] element for a HAPI value: primitives with their JSON type (boolean, integer, decimal as numbers),
   * anything else through HAPI's parser.
   */
  FhirJson value(String prefix, Type value) {
    String element = prefix + Character.toUpperCase(value.fhirType().charAt(0)) + value.fhirType().substring(1);
    if (value instanceof PrimitiveType<?> p) {
      String text = p.getValueAsString();
      return switch (value.fhirType()) {
        case "boolean" -> bool(element, Boolean.parseBoolean(text));
        case "integer", "positiveInt", "unsignedInt" -> integer(element, Integer.parseInt(text));
        case "decimal" -> decimal(element, new BigDecimal(text));
        default -> string(element, text);
      };
    }
    return viaHapi(value);
  }

  /** The value[x] field of a complex HAPI value, encoded by HAPI's parser (rare: echoed request elements). */
  private FhirJson viaHapi(Type value) {
    Parameters holder = new Parameters();
    holder.addParameter().setName("x").setValue(value.copy());
    try {
      JsonNode parameter = TREES.readTree(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(holder))
          .get("parameter").get(0);
      for (Iterator<Map.Entry<String, JsonNode>> it = parameter.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getKey().equals("name")) {
          out.writeFieldName(field.getKey());
          TREES.writeTree(out, field.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * The named top-level elements of a HAPI resource, as HAPI's parser writes them (rare: a value set's definition,
   * which the client asked to have back with includeDefinition).
   */
  FhirJson elementsOf(org.hl7.fhir.instance.model.api.IBaseResource resource, String... names) {
    try {
      JsonNode tree = TREES.readTree(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource));
      for (String name : names) {
        if (tree.has(name)) {
          out.writeFieldName(name);
          TREES.writeTree(out, tree.get(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** One write to the generator; an I/O failure (the client went away) surfaces unchecked. */
  private interface Write {
    void run() throws IOException;
  }

  private FhirJson io(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
