package org.moltx.engine;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * $expand input. {@code count} null means "all", which is refused above {@code maxSize} rather than truncated,
 * unless the client said an incomplete expansion will do ({@code incompleteOk}: incomplete-ok, _incomplete): then
 * the first {@code maxSize} codes come, marked as not the whole value set.
 *
 * <p>{@code excludeSystems} (exclude-system): code systems, as url or url|version (the version may be a pattern such
 * as 2.x), whose codes the expansion leaves out; their releases are not used. {@code excludeNotForUI}: the
 * expansion holds only the codes a user may select, without the abstract (notSelectable) ones, such as ICD-10-CM's
 * category headers. The date parameter is part of {@code versions}.
 */
public record ExpandRequest(
    ValueSet valueSet,
    String filter,
    Integer count,
    int offset,
    boolean activeOnly,
    VersionPolicy versions,
    int maxSize,
    boolean incompleteOk,
    List<String> excludeSystems,
    boolean excludeNotForUI) {

  public ExpandRequest(ValueSet valueSet, String filter, Integer count, int offset, boolean activeOnly,
      VersionPolicy versions, int maxSize, boolean incompleteOk) {
    this(valueSet, filter, count, offset, activeOnly, versions, maxSize, incompleteOk, List.of(), false);
  }

  /** This request, leaving out the code systems {@code systems} names and, if {@code notForUI}, abstract codes. */
  public ExpandRequest excluding(List<String> systems, boolean notForUI) {
    return new ExpandRequest(valueSet, filter, count, offset, activeOnly, versions, maxSize, incompleteOk,
        List.copyOf(systems), notForUI);
  }
}
