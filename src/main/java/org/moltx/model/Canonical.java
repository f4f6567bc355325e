package org.moltx.model;

import java.util.Objects;

/**
 * A FHIR canonical reference: the url of a code system, value set or concept map, and the business version it names
 * (null: any, in practice the newest). Written {@code url|version} (FHIR R4 canonical datatype). A canonical url
 * cannot contain '|' (it is not a URI character), so the first '|' ends the url; whatever follows it is the version,
 * kept as written (empty for {@code url|}).
 */
public record Canonical(String url, String version) {
  public Canonical {
    Objects.requireNonNull(url, "url");
  }

  /** {@code url} or {@code url|version}; null for null. */
  public static Canonical parse(String canonical) {
    if (canonical == null) {
      return null;
    }
    int bar = canonical.indexOf('|');
    return bar < 0 ? new Canonical(canonical, null)
        : new Canonical(canonical.substring(0, bar), canonical.substring(bar + 1));
  }

  /** The url of a canonical that may carry a version; null for null. */
  public static String urlOf(String canonical) {
    return canonical == null ? null : parse(canonical).url();
  }

  /** Whether a version is named (an empty one, {@code url|}, names none). */
  public boolean hasVersion() {
    return version != null && !version.isEmpty();
  }

  /** This canonical naming {@code version} instead (null: none). */
  public Canonical withVersion(String version) {
    return new Canonical(url, version);
  }

  /** {@code url|version}, or {@code url} when no version is named. */
  @Override
  public String toString() {
    return version == null ? url : url + "|" + version;
  }
}
