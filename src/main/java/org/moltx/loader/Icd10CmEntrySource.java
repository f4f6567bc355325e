package org.moltx.loader;

import java.util.ArrayList;
import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.Designation;

/** Reads a loaded ICD-10-CM release back as order-file entries, so that addenda can apply to it. */
record Icd10CmEntrySource(CodeSystemRelease release) {
  List<Icd10CmEntry> entries() {
    List<Icd10CmEntry> entries = new ArrayList<>(release.size());
    for (int i = 0; i < release.size(); i++) {
      String shortTitle = release.display(i);
      for (Designation d : release.designations(i)) {
        if (Icd10CmReleases.SHORT_TITLE.equals(d.use())) {
          shortTitle = d.value();
        }
      }
      // strings are shared with the base release, so a second year costs little memory
      entries.add(new Icd10CmEntry(release.code(i).replace(".", ""), !release.isAbstract(i), shortTitle, release.display(i)));
    }
    return entries;
  }
}
