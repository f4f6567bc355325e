package org.moltx.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * The checked-in index of the core terminology (canonical to part) matches the bundles on the class path. After a
 * HAPI upgrade, regenerate it: mvn test -Dtest=CoreTerminologyIndexTest -Dmoltx.regenerateCoreIndex=true
 */
class CoreTerminologyIndexTest {
  @Test
  void indexMatchesTheBundles() throws Exception {
    Map<String, String> index = new LinkedHashMap<>();
    FhirContext fhir = FhirContext.forR4Cached();
    for (String part : CoreTerminology.PARTS) {
      for (Resource r : CoreTerminology.resources(fhir, part)) {
        String url = r instanceof CodeSystem cs ? cs.getUrl() : r instanceof ValueSet vs ? vs.getUrl() : null;
        if (CoreTerminology.serves(r)) {
          index.putIfAbsent(url, part);
        }
      }
    }
    String text = text(index);
    if (Boolean.getBoolean("moltx.regenerateCoreIndex")) {
      Files.writeString(Path.of("src/main/resources" + CoreTerminology.INDEX), text, StandardCharsets.UTF_8);
    }
    assertTrue(index.containsKey("http://hl7.org/fhir/ValueSet/administrative-gender"));
    assertTrue(index.containsKey("http://hl7.org/fhir/administrative-gender"));
    assertTrue(!index.containsKey("http://snomed.info/sct"), "a stub of an external code system");
    assertEquals(text.toString(), text(CoreTerminology.index()), "the core terminology index is stale; regenerate it: mvn test "
        + "-Dtest=CoreTerminologyIndexTest -Dmoltx.regenerateCoreIndex=true");
  }

  private static String text(Map<String, String> index) {
    StringBuilder text = new StringBuilder();
    index.forEach((url, part) -> text.append(url).append('\t').append(part).append('\n'));
    return text.toString();
  }
}
