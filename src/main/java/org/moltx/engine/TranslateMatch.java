package org.moltx.engine;

import org.moltx.model.CodingValue;

/**
 * One $translate match: the related concept, how it relates, the map it comes from, and, when the request's
 * code had no mapping of its own, the ancestor ({@code via}) whose mapping it borrowed.
 */
public record TranslateMatch(String equivalence, CodingValue concept, String source, String comment, CodingValue via) {}
