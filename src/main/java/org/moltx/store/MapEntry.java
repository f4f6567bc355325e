package org.moltx.store;

/** One source -> target link of a ConceptMap, flattened from group/element/target. */
public record MapEntry(
    String sourceSystem,
    String sourceVersion,
    String sourceCode,
    String sourceDisplay,
    String targetSystem,
    String targetVersion,
    String targetCode,
    String targetDisplay,
    String equivalence,
    String comment) {}
