package org.moltx.loader;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The FHIR R4 core terminology: the CodeSystems and ValueSets of the base specification, as HAPI ships them in
 * hapi-fhir-validation-resources-r4 (one Bundle a part: valuesets, v3-codesystems, v2-tables). {@link #index()}
 * names the part that defines each canonical without reading a bundle; {@link #load} reads one part.
 */
public final class CoreTerminology {
  /** The parts, in the order they are searched; a canonical several parts define belongs to the first. */
  public static final List<String> PARTS = List.of("valuesets", "v3-codesystems", "v2-tables");
  /** canonical TAB part, one a line: generated from the bundles (CoreTerminologyIndexTest checks it is current). */
  public static final String INDEX = "/org/moltx/core/canonicals.txt";
  private static final String BUNDLES = "/org/hl7/fhir/r4/model/valueset/";

  private CoreTerminology() {}

  /** Canonical url to the part that defines it. */
  public static Map<String, String> index() {
    Map<String, String> index = new LinkedHashMap<>();
    try (InputStream in = CoreTerminology.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        return index;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          index.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return index;
  }

  /** Whether the bundles are on the class path. */
  public static boolean available() {
    return CoreTerminology.class.getResource(BUNDLES + PARTS.get(0) + ".xml") != null;
  }

  /** One part's CodeSystems and ValueSets, without their narratives. */
  public static LoadedContent load(FhirContext fhir, String part) {
    List<CodeSystem> codeSystems = new ArrayList<>();
    List<ValueSet> valueSets = new ArrayList<>();
    for (Resource r : resources(fhir, part)) {
      if (!serves(r)) {
        continue;
      }
      if (r instanceof CodeSystem cs) {
        cs.setText(null);
        codeSystems.add(cs);
      } else if (r instanceof ValueSet vs) {
        vs.setText(null);
        valueSets.add(vs);
      }
    }
    return new LoadedContent(List.of(), codeSystems, valueSets, List.of(), Map.of());
  }

  /**
   * Whether moltx serves the resource: every ValueSet, and the CodeSystems with all their codes (not the examples, the
   * supplement, or the stubs of external code systems such as SNOMED CT, whose codes the bundle does not hold).
   */
  public static boolean serves(Resource r) {
    if (r instanceof ValueSet vs) {
      return vs.hasUrl();
    }
    return r instanceof CodeSystem cs && cs.hasUrl() && cs.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE;
  }

  /** The resources of one part's bundle. */
  public static List<Resource> resources(FhirContext fhir, String part) {
    if (!PARTS.contains(part)) {
      throw new IllegalArgumentException("no core terminology part '" + part + "'");
    }
    IParser parser = fhir.newXmlParser().setParserErrorHandler(new LenientErrorHandler(false));
    try (InputStream in = CoreTerminology.class.getResourceAsStream(BUNDLES + part + ".xml")) {
      if (in == null) {
        throw new IllegalStateException("the core terminology (" + BUNDLES + part + ".xml) is not on the class path");
      }
      Bundle bundle = parser.parseResource(Bundle.class, in);
      List<Resource> out = new ArrayList<>();
      bundle.getEntry().forEach(e -> out.add(e.getResource()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
