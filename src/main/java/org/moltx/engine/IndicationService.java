package org.moltx.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/**
 * "Which diagnoses indicate CPT X?", answered by a forward {@link Terminology#translate} of X through the indications
 * ConceptMap to ICD-10-CM. Answers are kept per store: the store is replaced whole, never changed.
 */
public final class IndicationService {
  public static final String CPT = "http://www.ama-assn.org/go/cpt";
  public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final String INDICATIONS_MAP = "http://moltx.org/fhir/ConceptMap/cpt-icd10cm-indications";
  /** The ValueSet listing the indications of CPT X is {@code cpt-X-indications} by convention of the content. */
  static final String VALUE_SET_URL = "http://moltx.org/fhir/ValueSet/cpt-%s-indications";
  /** Links that do not make the diagnosis an indication. */
  private static final Set<String> NOT_INDICATIONS = Set.of("unmatched", "disjoint");

  private final Terminology terminology;
  private volatile Catalog catalog = new Catalog(null);

  public IndicationService(Terminology terminology) {
    this.terminology = terminology;
  }

  /** The indications in the content being served: one content for every code a request asks about. */
  public Catalog catalog() {
    TerminologyStore store = terminology.store();
    Catalog c = catalog;
    if (c.store != store) {
      c = new Catalog(store);
      catalog = c;
    }
    return c;
  }

  private Indications compute(TerminologyStore store, String cptCode) {
    CodeSystemRelease icd = newest(store, ICD10CM);
    if (store.conceptMapVersions(INDICATIONS_MAP).isEmpty()) {
      return new Indications(new CodingValue(CPT, cptCode, null), List.of(), null, icd);
    }
    TranslateResult result = terminology.translate(store,
        new TranslateRequest(cptCode, CPT, null, INDICATIONS_MAP, null, null, null, ICD10CM, false, false));
    List<Indications.Indication> accepted = new ArrayList<>();
    for (TranslateMatch m : result.matches()) {
      if (m.concept() == null || NOT_INDICATIONS.contains(m.equivalence())) {
        continue;
      }
      int i = icd == null ? -1 : icd.indexOf(m.concept().code());
      boolean category = i >= 0 && icd.childCount(i) > 0;
      Indications.Indication indication = new Indications.Indication(m.concept(), category);
      if (!accepted.contains(indication)) {
        accepted.add(indication);
      }
    }
    CodeSystemRelease cpt = newest(store, CPT);
    int ci = cpt == null ? -1 : cpt.indexOf(cptCode);
    List<ValueSet> vs = store.valueSetVersions(String.format(VALUE_SET_URL, cptCode));
    String valueSetId = vs.isEmpty() ? null : vs.get(0).getIdElement().getIdPart();
    return new Indications(new CodingValue(CPT, cptCode, ci < 0 ? null : cpt.display(ci)), List.copyOf(accepted),
        valueSetId, icd);
  }

  private static CodeSystemRelease newest(TerminologyStore store, String system) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    return versions.isEmpty() ? null : versions.get(0).release();
  }

  /** The indications of the CPT codes of one store, each computed on first ask and kept while that store is served. */
  public final class Catalog {
    private final TerminologyStore store;
    private final Map<String, Indications> byCode = new ConcurrentHashMap<>();

    private Catalog(TerminologyStore store) {
      this.store = store;
    }

    /** The canonical URI of a system given by its canonical or by an alias of this content. */
    public String canonicalSystem(String system) {
      return store == null ? system : store.canonicalSystem(system);
    }

    /** The indications of a CPT code; empty when the code is outside the content. */
    public Indications indicationsOf(String cptCode) {
      Indications known = byCode.get(cptCode);
      if (known != null) {
        return known;
      }
      Indications computed = compute(store, cptCode);
      if (!computed.isEmpty()) { // codes outside the content come from clients: not kept, so the catalog stays bounded
        byCode.putIfAbsent(cptCode, computed);
      }
      return computed;
    }
  }
}
