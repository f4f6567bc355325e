package org.moltx.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;
import org.moltx.store.Versions;

/**
 * Finds the release a request means: by version (exact, or a pattern such as 1.x or 1.0.x, newest match), else by
 * the date it was in effect, else the newest.
 */
public final class CodeSystemResolver {
  private CodeSystemResolver() {}

  /** What a missing code system prevents, for the not-found texts. */
  public static final String VALIDATING = "the code cannot be validated";
  public static final String EXPANDING = "the value set cannot be expanded";

  public static CodeSystemRelease resolve(TerminologyStore store, String system, String version, LocalDate date) {
    return resolve(store, system, version, date, VALIDATING);
  }

  public static CodeSystemRelease resolve(TerminologyStore store, String system, String version, LocalDate date,
      String consequence) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    boolean expanding = EXPANDING.equals(consequence);
    if (versions.isEmpty() && version != null) {
      throw new TerminologyException(Problem.UNKNOWN_SYSTEM, MessageId.UNKNOWN_CODESYSTEM_VERSION_NONE,
          MessageId.UNKNOWN_CODESYSTEM_VERSION_NONE.text(system, version, consequence), "system");
    }
    if (versions.isEmpty()) {
      // (in an expansion the ecosystem's id for a missing release, whether or not a version was named)
      throw new TerminologyException(Problem.UNKNOWN_SYSTEM,
          expanding ? MessageId.UNKNOWN_CODESYSTEM_VERSION_EXP : MessageId.UNKNOWN_CODESYSTEM,
          MessageId.UNKNOWN_CODESYSTEM.text(system, consequence), "system");
    }
    if (version != null) {
      MessageId id = expanding ? MessageId.UNKNOWN_CODESYSTEM_VERSION_EXP : MessageId.UNKNOWN_CODESYSTEM_VERSION;
      return versions.stream().map(StoredCodeSystem::release).filter(r -> matches(version, r.version())).findFirst()
          .orElseThrow(() -> new TerminologyException(Problem.UNKNOWN_SYSTEM, id, "A definition for CodeSystem '"
              + system + "' version '" + version + "' could not be found, so " + consequence + ". Valid versions: "
              + validVersions(versions), "version"));
    }
    if (date != null) {
      return versions.stream().map(StoredCodeSystem::release).filter(r -> r.info().inEffectOn(date)).findFirst()
          .orElseThrow(() -> new TerminologyException(Problem.UNKNOWN_SYSTEM,
              "No version of CodeSystem '" + system + "' is in effect on " + date, "date"));
    }
    return versions.get(0).release();
  }

  public static boolean isKnownVersion(TerminologyStore store, String system, String version) {
    return store.codeSystemVersions(system).stream().anyMatch(s -> matches(version, s.release().version()));
  }

  /** Versions ascending, "a, b or c". */
  static String validVersions(List<StoredCodeSystem> versions) {
    List<String> v = new ArrayList<>(versions.stream().map(s -> s.release().version()).filter(Objects::nonNull).toList());
    v.sort(Versions.ORDER);
    if (v.size() <= 1) {
      return String.join("", v);
    }
    return String.join(", ", v.subList(0, v.size() - 1)) + " or " + v.get(v.size() - 1);
  }

  /** Equal, or equal where the pattern has an 'x' (or '*') part: 1.x.x matches 1.2.0. */
  public static boolean matches(String pattern, String version) {
    if (pattern == null || version == null) {
      return Objects.equals(pattern, version);
    }
    if (pattern.equals(version)) {
      return true;
    }
    if (!pattern.contains("x") && !pattern.contains("*")) {
      return false;
    }
    String[] p = pattern.split("\\.");
    String[] v = version.split("\\.");
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("x") || p[i].equals("*")) {
        continue;
      }
      if (i >= v.length || !p[i].equals(v[i])) {
        return false;
      }
    }
    return true;
  }
}
