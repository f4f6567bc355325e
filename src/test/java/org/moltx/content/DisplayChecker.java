package org.moltx.content;

import java.util.ArrayList;
import java.util.List;
import org.moltx.model.CodeSystemRelease;

/**
 * Compares every display authored content gives a code with the display of the code in its reference release.
 * Codes of systems without a reference (for example HGNC) are not checked.
 */
final class DisplayChecker {
  private final ReferenceCodes reference;

  DisplayChecker(ReferenceCodes reference) {
    this.reference = reference;
  }

  /** One line per wrong display or unknown code: the file, where, the code, the wrong and the right text. */
  List<String> mismatches(List<CodeUse> uses) {
    List<String> problems = new ArrayList<>();
    for (CodeUse use : uses) {
      CodeSystemRelease release = reference.release(use.system());
      if (release == null || use.display() == null) {
        continue;
      }
      int i = release.indexOf(use.code());
      if (i < 0) {
        problems.add(use + " is not a code of " + release);
      } else if (!use.display().equals(release.display(i))) {
        problems.add(use + " has display \"" + use.display() + "\"; " + release.url() + "|" + release.version()
            + " says \"" + release.display(i) + "\"");
      }
    }
    return problems;
  }
}
