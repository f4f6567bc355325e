package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.hl7.fhir.r4.hapi.ctx.FhirR4;
import org.junit.jupiter.api.Test;

/** The FHIR model list of the server jar (src/server/resources, put there by pom.xml's shade step) against HAPI's. */
class ServerFhirModelTest {
  private static final String FILE = "org/hl7/fhir/r4/hapi/model/fhirversion.properties";

  @Test
  void theServerJarKnowsHapisDatatypesAndTheResourceTypesTheServerReads() throws IOException {
    Map<String, String> hapi;
    try (InputStream in = FhirR4.class.getClassLoader().getResourceAsStream(FILE)) {
      hapi = load(in);
    }
    Map<String, String> server;
    try (InputStream in = Files.newInputStream(Path.of("src/server/resources").resolve(FILE))) {
      server = load(in);
    }
    assertThat(hapi).as("HAPI's own list, on the test classpath").containsKey("resource.Patient");

    assertThat(only(server, "datatype.")).isEqualTo(only(hapi, "datatype."));
    Map<String, String> resources = only(server, "resource.");
    assertThat(resources.keySet()).containsExactly("resource.Binary", "resource.Bundle",
        "resource.CapabilityStatement", "resource.CodeSystem", "resource.ConceptMap", "resource.Condition",
        "resource.NamingSystem", "resource.OperationDefinition", "resource.OperationOutcome", "resource.Parameters",
        "resource.StructureDefinition", "resource.TerminologyCapabilities", "resource.ValueSet");
    resources.forEach((key, type) -> assertThat(type).as(key).isEqualTo(hapi.get(key)));
    assertThat(server.keySet()).as("nothing but datatypes and resources")
        .allMatch(k -> k.startsWith("datatype.") || k.startsWith("resource."));
  }

  private static Map<String, String> load(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    Map<String, String> sorted = new TreeMap<>();
    p.forEach((k, v) -> sorted.put(k.toString(), v.toString()));
    return sorted;
  }

  private static Map<String, String> only(Map<String, String> entries, String prefix) {
    Map<String, String> kept = new TreeMap<>();
    entries.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        kept.put(k, v);
      }
    });
    return kept;
  }
}
