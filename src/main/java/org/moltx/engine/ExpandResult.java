package org.moltx.engine;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * $expand output: the requested page of members, the total, and the code systems and value sets used;
 * {@code incomplete}: cut at the size limit because the client accepted an incomplete expansion; {@code ranked}: the
 * members are in the text filter's rank order, to be written flat.
 */
public record ExpandResult(
    ValueSet valueSet, List<ExpansionItem> contains, int total, int offset, Set<String> usedCodeSystems,
    Set<String> usedValueSets, Set<String> appliedVersionRules, Set<StatusFlag> flagged, boolean versionsMatched,
    boolean incomplete, boolean ranked) {
  public ExpandResult(ValueSet valueSet, List<ExpansionItem> contains, int total, int offset,
      Set<String> usedCodeSystems, Set<String> usedValueSets, Set<String> appliedVersionRules,
      Set<StatusFlag> flagged, boolean versionsMatched, boolean incomplete) {
    this(valueSet, contains, total, offset, usedCodeSystems, usedValueSets, appliedVersionRules, flagged,
        versionsMatched, incomplete, false);
  }
}
