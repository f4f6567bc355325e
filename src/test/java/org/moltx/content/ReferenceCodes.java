package org.moltx.content;

import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.moltx.loader.LoadedContent;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.CodeSystemIndexer;
import org.moltx.store.Versions;

/**
 * What authored content is checked against: the newest loaded official release of each system (ICD-10-CM, NUCC,
 * POS) and, for systems without an official file (CPT, HCPCS), our own CodeSystem resource.
 */
final class ReferenceCodes {
  private final Map<String, CodeSystemRelease> bySystem = new HashMap<>();

  ReferenceCodes(LoadedContent content) {
    for (CodeSystem cs : content.codeSystems()) {
      bySystem.put(cs.getUrl(), CodeSystemIndexer.toRelease(cs));
    }
    Map<String, CodeSystemRelease> official = new HashMap<>();
    for (CodeSystemRelease r : content.releases()) {
      official.merge(r.url(), r, (a, b) -> Versions.compare(a.version(), b.version()) >= 0 ? a : b);
    }
    bySystem.putAll(official);
  }

  /** The release a system's codes are checked against, or null when there is none. */
  CodeSystemRelease release(String system) {
    return bySystem.get(system);
  }
}
