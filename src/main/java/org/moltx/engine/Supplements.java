package org.moltx.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;
import org.moltx.store.TerminologyStore;

/**
 * The code system supplements a request asks for, by the useSupplement parameter or the value set's
 * valueset-supplement extension: each must be known (else the request fails, as the ecosystem's
 * VALUESET_SUPPLEMENT_MISSING), and is folded into the code system it supplements for this request only.
 */
public final class Supplements {
  static final String VALUESET_SUPPLEMENT = "http://hl7.org/fhir/StructureDefinition/valueset-supplement";

  /** The content with the supplements applied, and each supplement used as url|version. */
  public record Applied(TerminologyStore store, List<CodeSystem> supplements) {
    /** url|version of the supplements to a code system, as the used-supplement parameters name them. */
    public List<String> usedBy(java.util.Collection<String> systems) {
      List<String> used = new ArrayList<>();
      for (CodeSystem s : supplements) {
        String base = s.getSupplements() == null ? "" : Canonical.urlOf(s.getSupplements());
        if (systems.contains(base)) {
          used.add(new Canonical(s.getUrl(), s.hasVersion() ? s.getVersion() : null).toString());
        }
      }
      return used;
    }
  }

  private Supplements() {}

  /** Applies the requested supplements (canonicals, url or url|version) and those the value set (may be null) names. */
  public static Applied apply(TerminologyStore store, List<String> requested, ValueSet valueSet) {
    Set<String> canonicals = new LinkedHashSet<>(requested);
    if (valueSet != null) {
      for (Extension e : valueSet.getExtensionsByUrl(VALUESET_SUPPLEMENT)) {
        if (e.getValue() != null && e.getValue().primitiveValue() != null) {
          canonicals.add(e.getValue().primitiveValue());
        }
      }
    }
    List<CodeSystem> found = new ArrayList<>();
    for (String canonical : canonicals) {
      found.add(resolve(store, canonical));
    }
    return new Applied(store.withSupplements(found), found);
  }

  private static CodeSystem resolve(TerminologyStore store, String canonical) {
    Canonical wanted = Canonical.parse(canonical);
    return store.supplementVersions(wanted.url()).stream()
        .filter(s -> wanted.version() == null || wanted.version().equals(s.getVersion()))
        .findFirst()
        .orElseThrow(() -> new TerminologyException(Problem.UNKNOWN_RESOURCE, MessageId.VALUESET_SUPPLEMENT_MISSING,
            MessageId.VALUESET_SUPPLEMENT_MISSING.text(canonical), "useSupplement"));
  }
}
