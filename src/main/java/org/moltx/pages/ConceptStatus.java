package org.moltx.pages;

import java.util.ArrayList;
import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;

/** The status words a coder looks for on a concept: billable, header (not selectable), inactive. */
final class ConceptStatus {
  private ConceptStatus() {}

  static List<String> of(CodeSystemRelease release, int i) {
    List<String> out = new ArrayList<>(2);
    if (release.isAbstract(i)) {
      out.add("header");
    } else if (billable(release, i)) {
      out.add("billable");
    }
    if (release.isInactive(i)) {
      out.add("inactive");
    }
    return out;
  }

  private static boolean billable(CodeSystemRelease release, int i) {
    for (ConceptProperty p : release.conceptProperties(i)) {
      if (p.code().equals("billable")) {
        return Boolean.TRUE.equals(p.value());
      }
    }
    return false;
  }

  static void badges(Html h, List<String> statuses) {
    for (String s : statuses) {
      h.el("span", s, "class", "badge badge-" + s);
    }
  }
}
