package org.moltx.store;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;

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
}
