package org.moltx.engine;

import org.hl7.fhir.r4.model.ValueSet;

/**
 * $expand input. {@code count} null means "all", which is refused above {@code maxSize} rather than truncated,
 * unless the client said an incomplete expansion will do ({@code incompleteOk}: incomplete-ok, _incomplete): then
 * the first {@code maxSize} codes come, marked as not the whole value set.
 */
public record ExpandRequest(
    ValueSet valueSet,
    String filter,
    Integer count,
    int offset,
    boolean activeOnly,
    VersionPolicy versions,
    int maxSize,
    boolean incompleteOk) {}
