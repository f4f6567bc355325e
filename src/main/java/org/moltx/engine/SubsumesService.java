package org.moltx.engine;

import org.moltx.model.CodeSystemRelease;
import org.moltx.store.TerminologyStore;

/** CodeSystem/$subsumes: equivalent, subsumes, subsumed-by or not-subsumed, from the code system's hierarchy. */
public final class SubsumesService {

  public String subsumes(TerminologyStore store, String system, String version, String codeA, String codeB) {
    if (codeA == null || codeB == null) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "Both codeA and codeB (or codingA and codingB) are required",
          codeA == null ? "codeA" : "codeB");
    }
    if (system == null) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No system given", "system");
    }
    CodeSystemRelease r = CodeSystemResolver.resolve(store, store.canonicalSystem(system), version, null);
    int a = index(store, r, codeA, "codeA", version != null);
    int b = index(store, r, codeB, "codeB", version != null);
    if (a == b) {
      return "equivalent";
    }
    if (r.subsumes(a, b)) {
      return "subsumes";
    }
    return r.subsumes(b, a) ? "subsumed-by" : "not-subsumed";
  }

  private static int index(TerminologyStore store, CodeSystemRelease r, String code, String element,
      boolean versionNamed) {
    int i = r.indexOf(code);
    if (i < 0) {
      // the id $lookup gives an unknown code (see LookupService)
      throw new TerminologyException(Problem.UNKNOWN_CODE, MessageId.UNKNOWN_CODESYSTEM_VERSION,
          MessageId.UNKNOWN_CODE_IN_VERSION.text(code, r.url(), r.version(),
              Hints.forUnknownCode(store, r, code, versionNamed)), element);
    }
    return i;
  }
}
