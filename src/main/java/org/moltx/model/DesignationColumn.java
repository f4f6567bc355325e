package org.moltx.model;

import java.util.List;
import java.util.Objects;

/**
 * A release's designations when every concept has exactly one, all of one language and use, without source or
 * extensions (ICD-10-CM's short titles): only the values are kept, each concept's designation made when asked. For a
 * 98,000-concept release that is one array instead of 98,000 designations in 98,000 one-element arrays (5 MB).
 */
final class DesignationColumn {
  private final String language;
  private final CodingValue use;
  private final String[] values;

  private DesignationColumn(String language, CodingValue use, String[] values) {
    this.language = language;
    this.use = use;
    this.values = values;
  }

  /** The column of these designations (by concept), or null when they are not one plain designation per concept. */
  static DesignationColumn of(List<Designation[]> designations) {
    if (designations.isEmpty() || designations.get(0) == null || designations.get(0).length != 1) {
      return null;
    }
    Designation first = designations.get(0)[0];
    String[] values = new String[designations.size()];
    for (int i = 0; i < values.length; i++) {
      Designation[] d = designations.get(i);
      if (d == null || d.length != 1 || !Objects.equals(d[0].language(), first.language())
          || !Objects.equals(d[0].use(), first.use()) || d[0].source() != null
          || d[0].extensions() == null || !d[0].extensions().isEmpty()) {
        return null;
      }
      values[i] = d[0].value();
    }
    return new DesignationColumn(first.language(), first.use(), values);
  }

  /** Concept i's designation, as a one-element array of its own. */
  Designation[] get(int i) {
    return new Designation[] {new Designation(language, use, values[i])};
  }
}
