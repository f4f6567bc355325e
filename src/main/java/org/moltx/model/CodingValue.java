package org.moltx.model;

import java.util.Objects;

/** A coded value: a property of type Coding, a designation use, a translation target. */
public record CodingValue(String system, String code, String display) {
  // written out: the record's generated hashCode ran through method handles that C2 did not inline (JFR: $translate
  // spent 8% hashing its matches to drop duplicates); equals stays generated
  @Override
  public int hashCode() {
    return (Objects.hashCode(system) * 31 + Objects.hashCode(code)) * 31 + Objects.hashCode(display);
  }
}
