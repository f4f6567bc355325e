package org.moltx.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A release's designations when every concept has exactly one, all of one language and use, without source or
 * extensions (ICD-10-CM's short titles): only the values are kept ({@link TextColumn}), each concept's designation
 * made when asked. For a 98,000-concept release that is one column instead of 98,000 designations in 98,000
 * one-element arrays (5 MB).
 */
final class DesignationColumn {
  private final String language;
  private final CodingValue use;
  private final TextColumn values;

  DesignationColumn(String language, CodingValue use, TextColumn values) {
    this.language = language;
    this.use = use;
    this.values = values;
  }

  /** Concept i's designation, as a one-element array of its own. */
  Designation[] get(int i) {
    return new Designation[] {new Designation(language, use, values.get(i))};
  }

  /**
   * Collects the designations of a release's concepts in order: only their values while they fit one column, so that
   * a large release's loading does not hold a designation object per concept either.
   */
  static final class Collector {
    private String language;
    private CodingValue use;
    /** The values while the designations fit one column; null once they do not. */
    private List<String> values = new ArrayList<>();
    /** Each concept's designations (null for none) once they do not fit one column. */
    private List<Designation[]> arrays;

    /** Adds the next concept's designations (null or empty for none). */
    void add(Designation[] designations) {
      if (values != null && fits(designations)) {
        if (values.isEmpty()) {
          language = designations[0].language();
          use = designations[0].use();
        }
        values.add(designations[0].value());
        return;
      }
      if (values != null) {
        arrays = new ArrayList<>(values.size() + 1);
        for (String value : values) {
          arrays.add(new Designation[] {new Designation(language, use, value)});
        }
        values = null;
      }
      arrays.add(designations == null || designations.length == 0 ? null : designations);
    }

    /** The column of the designations added, or null when they do not fit one (or none were added). */
    DesignationColumn column() {
      return values == null || values.isEmpty() ? null
          : new DesignationColumn(language, use, TextColumn.of(values.toArray(new String[0])));
    }

    /** The designations added by concept, null for none. */
    Designation[][] byConcept() {
      return arrays == null ? new Designation[0][] : arrays.toArray(new Designation[0][]);
    }

    private boolean fits(Designation[] d) {
      if (d == null || d.length != 1 || d[0].source() != null || d[0].extensions() == null
          || !d[0].extensions().isEmpty()) {
        return false;
      }
      return values.isEmpty() || Objects.equals(d[0].language(), language) && Objects.equals(d[0].use(), use);
    }
  }
}
