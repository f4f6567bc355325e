package org.moltx.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** Finds the release a request means: by version, else by the date it was in effect, else the newest. */
public final class CodeSystemResolver {
  private CodeSystemResolver() {}

  public static CodeSystemRelease resolve(TerminologyStore store, String system, String version, LocalDate date) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    if (versions.isEmpty()) {
      throw new TerminologyException(Problem.UNKNOWN_SYSTEM,
          "A definition for CodeSystem '" + system + "' could not be found, so the code cannot be validated", "system");
    }
    if (version != null) {
      return versions.stream().map(StoredCodeSystem::release).filter(r -> Objects.equals(r.version(), version)).findFirst()
          .orElseThrow(() -> new TerminologyException(Problem.UNKNOWN_SYSTEM,
              "A definition for CodeSystem '" + system + "' version '" + version + "' could not be found; versions known: "
                  + versions.stream().map(s -> s.release().version()).collect(Collectors.joining(", ")), "version"));
    }
    if (date != null) {
      return versions.stream().map(StoredCodeSystem::release).filter(r -> r.info().inEffectOn(date)).findFirst()
          .orElseThrow(() -> new TerminologyException(Problem.UNKNOWN_SYSTEM,
              "No version of CodeSystem '" + system + "' is in effect on " + date, "date"));
    }
    return versions.get(0).release();
  }
}
