package org.moltx.model;

import java.util.List;

/**
 * A concept designation; language and use may be null. source: the supplement it came from (url|version), else
 * null; extensions: those it carries (a description id, a standards status), echoed in expansions.
 */
public record Designation(String language, CodingValue use, String value, String source, List<ExtensionValue> extensions) {
  public Designation(String language, CodingValue use, String value) {
    this(language, use, value, null, List.of());
  }
}
