package org.moltx.store;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;

/**
 * Definitions a store consults when neither it nor its parents define a canonical (the FHIR core terminology):
 * whatever the store holds always wins.
 */
public interface FallbackSource {
  FallbackSource NONE = new FallbackSource() {
    @Override
    public List<StoredCodeSystem> codeSystemVersions(String url) {
      return List.of();
    }

    @Override
    public List<ValueSet> valueSetVersions(String url) {
      return List.of();
    }
  };

  /** Every version of the code system, newest first; empty when the source does not define it. */
  List<StoredCodeSystem> codeSystemVersions(String url);

  /** Every version of the value set, newest first; empty when the source does not define it. */
  List<ValueSet> valueSetVersions(String url);

  /** Whether the source defines the canonical (a code system or value set), without loading it. */
  default boolean defines(String url) {
    return !codeSystemVersions(url).isEmpty() || !valueSetVersions(url).isEmpty();
  }

  /** The url of the code system with this logical id, if the source can tell without loading it; else null. */
  default String codeSystemUrlOfId(String id) {
    return null;
  }

  /** The url of the value set with this logical id, if the source can tell without loading it; else null. */
  default String valueSetUrlOfId(String id) {
    return null;
  }

  /** The code systems the source lists (url|version), without loading them; empty when it lists none. */
  default List<Canonical> codeSystemCanonicals() {
    return List.of();
  }
}
