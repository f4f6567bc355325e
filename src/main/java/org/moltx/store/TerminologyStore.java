package org.moltx.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;
import org.moltx.model.CodeSystemRelease;

/**
 * Terminology content, read-only, indexed by canonical url and version: the loaded content, built once by a
 * {@link Builder} and never changed after, or an {@link Overlay} of one request's resources in front of it. Both
 * read the same way, so the engine does not care which it is given.
 */
public abstract sealed class TerminologyStore permits LoadedStore, Overlay {
  TerminologyStore() {}

  public static Builder builder() {
    return builder(FallbackSource.NONE);
  }

  /** Content that consults the fallback for the code systems and value sets it (and its overlays) lack. */
  public static Builder builder(FallbackSource fallback) {
    return new Builder(fallback);
  }

  /** A builder of one request's resources in front of this store, which stays as it is. */
  public Overlay.Builder overlay() {
    return new Overlay.Builder(this);
  }

  /** The canonical URI for a system given by URI or by an alias (a registered OID, a NamingSystem's other URI). */
  public final String canonicalSystem(String system) {
    return aliases().canonical(system);
  }

  /** Whether {@code given} (a value set include's or exclude's system: a url, an OID, an alias) names {@code canonical}. */
  public final boolean isSystem(String given, String canonical) {
    return given != null && canonical.equals(canonicalSystem(given));
  }

  /** The system aliases this store resolves. */
  public abstract SystemAliases aliases();

  /** Every version of a code system, newest first; an overlay's before those it stands in front of. */
  public final List<StoredCodeSystem> codeSystemVersions(String url) {
    String canonical = canonicalSystem(url);
    List<StoredCodeSystem> found = definedCodeSystemVersions(canonical);
    return found.isEmpty() ? fallback().codeSystemVersions(canonical) : found;
  }

  public final List<ValueSet> valueSetVersions(String url) {
    List<ValueSet> found = definedValueSetVersions(url);
    return found.isEmpty() ? fallback().valueSetVersions(url) : found;
  }

  /** Every version of a supplement, newest first; an overlay's before those it stands in front of. */
  public abstract List<CodeSystem> supplementVersions(String url);

  public abstract List<ConceptMapIndex> conceptMapVersions(String url);

  public abstract List<StoredCodeSystem> codeSystems();

  public abstract List<ValueSet> valueSets();

  public abstract List<ConceptMapIndex> conceptMaps();

  /**
   * Whether the display of this code of url|version comes from a licensee's file (the AMA's CPT descriptors), so it
   * is official rather than our paraphrase.
   */
  public abstract boolean hasLicensedDisplay(String url, String version, String code);

  /** The versions the store defines, without those of the fallback. */
  abstract List<StoredCodeSystem> definedCodeSystemVersions(String canonical);

  abstract List<ValueSet> definedValueSetVersions(String url);

  /** Consulted for a canonical the store does not define (the FHIR core terminology). */
  abstract FallbackSource fallback();

  /** Resources by logical id, for read and instance-level operations. */
  public final Optional<StoredCodeSystem> codeSystemById(String id) {
    Optional<StoredCodeSystem> own = codeSystems().stream().filter(s -> id.equals(s.id())).findFirst();
    if (own.isPresent()) {
      return own;
    }
    // a package's code system, by the url its index gives the id, if our content does not define that url
    String url = fallback().codeSystemUrlOfId(id);
    return url == null || !definedCodeSystemVersions(url).isEmpty() ? Optional.empty()
        : fallback().codeSystemVersions(url).stream().filter(s -> id.equals(s.id())).findFirst();
  }

  public final Optional<ValueSet> valueSetById(String id) {
    Optional<ValueSet> own = valueSets().stream().filter(v -> id.equals(v.getIdElement().getIdPart())).findFirst();
    if (own.isPresent()) {
      return own;
    }
    String url = fallback().valueSetUrlOfId(id);
    return url == null || !definedValueSetVersions(url).isEmpty() ? Optional.empty()
        : fallback().valueSetVersions(url).stream().filter(v -> id.equals(v.getIdElement().getIdPart())).findFirst();
  }

  /**
   * The url|version of every code system the fallback lists (a package's, indexed but perhaps not parsed yet) whose
   * url this store does not define itself: listings that must not parse every package resource.
   */
  public final List<Canonical> fallbackCodeSystems() {
    return fallback().codeSystemCanonicals().stream()
        .filter(c -> definedCodeSystemVersions(c.url()).isEmpty()).toList();
  }

  public final Optional<ConceptMapIndex> conceptMapById(String id) {
    return conceptMaps().stream().filter(m -> id.equals(m.map().getIdElement().getIdPart())).findFirst();
  }

  /**
   * This store with the supplements folded into every authored version of the code systems they supplement (a
   * supplement's {@code supplements} may pin one version): an overlay for one request, this store unchanged.
   */
  public final TerminologyStore withSupplements(List<CodeSystem> toApply) {
    if (toApply.isEmpty()) {
      return this;
    }
    Map<StoredCodeSystem, List<CodeSystem>> byBase = new LinkedHashMap<>();
    for (CodeSystem supplement : toApply) {
      Canonical base = Canonical.parse(supplement.getSupplements());
      for (StoredCodeSystem s : codeSystemVersions(base == null ? null : base.url())) {
        if (s.resource() != null
            && (base == null || base.version() == null || base.version().equals(s.release().version()))) {
          byBase.computeIfAbsent(s, k -> new ArrayList<>()).add(supplement);
        }
      }
    }
    Overlay.Builder overlay = overlay();
    byBase.forEach((s, supps) -> {
      CodeSystem merged = SupplementMerger.merge(s.resource(), supps);
      overlay.addCodeSystem(CodeSystemIndexer.toRelease(merged), merged);
    });
    return overlay.build();
  }

  /** Collects the loaded content; {@link #build} indexes it into a store that never changes. */
  public static final class Builder extends ContentBuilder<Builder> {
    private final FallbackSource fallback;
    private final Map<String, java.util.Set<String>> licensedDisplays = new java.util.HashMap<>();
    private SystemAliases aliases = SystemAliases.DEFAULT;

    private Builder(FallbackSource fallback) {
      this.fallback = fallback;
    }

    /** Records that the displays of these codes of url|version come from a licensee's file (CPT descriptors). */
    public Builder addLicensedDisplays(String url, String version, java.util.Collection<String> codes) {
      licensedDisplays.computeIfAbsent(url + "|" + version, k -> new java.util.HashSet<>()).addAll(codes);
      return this;
    }

    /** The aliases the store resolves (default: the built-in OIDs of our systems). */
    public Builder aliases(SystemAliases aliases) {
      this.aliases = aliases;
      return this;
    }

    @Override
    public TerminologyStore build() {
      Map<String, java.util.Set<String>> licensed = new java.util.HashMap<>();
      licensedDisplays.forEach((k, v) -> licensed.put(k, java.util.Set.copyOf(v)));
      return new LoadedStore(resources.build(aliases), fallback, Map.copyOf(licensed), aliases);
    }
  }
}
