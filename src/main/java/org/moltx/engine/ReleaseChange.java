package org.moltx.engine;

import java.util.List;
import java.util.Objects;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/**
 * What happened to one code between the two newest releases of its code system (ICD-10-CM 2026 to 2027): new,
 * deleted, title changed, or unchanged.
 *
 * @param older the earlier release's version; {@code newer} the later one's
 * @param olderTitle the title in the earlier release (null when the code is new); {@code newerTitle} in the later
 */
public record ReleaseChange(Kind kind, String older, String newer, String olderTitle, String newerTitle) {

  public enum Kind { NEW, DELETED, TITLE_CHANGED, UNCHANGED }

  /** The change of {@code code} between the two newest releases of {@code system}; null when it has fewer than two. */
  public static ReleaseChange of(TerminologyStore store, String system, String code) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    if (versions.size() < 2) {
      return null;
    }
    CodeSystemRelease newer = versions.get(0).release();
    CodeSystemRelease older = versions.get(1).release();
    int o = older.indexOf(code);
    int n = newer.indexOf(code);
    if (o < 0 && n < 0) {
      return null;
    }
    String olderTitle = o < 0 ? null : older.display(o);
    String newerTitle = n < 0 ? null : newer.display(n);
    Kind kind = o < 0 ? Kind.NEW : n < 0 ? Kind.DELETED
        : Objects.equals(olderTitle, newerTitle) ? Kind.UNCHANGED : Kind.TITLE_CHANGED;
    return new ReleaseChange(kind, older.version(), newer.version(), olderTitle, newerTitle);
  }
}
