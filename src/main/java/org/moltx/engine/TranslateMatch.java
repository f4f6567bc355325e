package org.moltx.engine;

import java.util.Objects;
import org.moltx.model.CodingValue;

/**
 * One $translate match: the related concept, how it relates, the map it comes from, and, when the request's
 * code had no mapping of its own, the ancestor ({@code via}) whose mapping it borrowed.
 */
public record TranslateMatch(String equivalence, CodingValue concept, String source, String comment, CodingValue via) {
  // written out, as CodingValue's: the generated one ran through method handles C2 did not inline (JFR)
  @Override
  public int hashCode() {
    int h = Objects.hashCode(equivalence);
    h = h * 31 + Objects.hashCode(concept);
    h = h * 31 + Objects.hashCode(source);
    h = h * 31 + Objects.hashCode(comment);
    return h * 31 + Objects.hashCode(via);
  }
}
