package org.moltx.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;

/**
 * The resources of one store, by canonical url with each url's versions newest first: code systems, supplements,
 * value sets and concept maps. Collected by its {@link Builder}, unchangeable once built.
 */
final class ResourceIndex {
  private final Map<String, List<StoredCodeSystem>> codeSystems;
  /** CodeSystems with content=supplement: not code systems of their own, only folded into their base on request. */
  private final Map<String, List<CodeSystem>> supplements;
  private final Map<String, List<ValueSet>> valueSets;
  private final Map<String, List<ConceptMapIndex>> conceptMaps;
  // every resource in the order first added, for listing and search: built once, not on every listing
  private final List<StoredCodeSystem> allCodeSystems;
  private final List<ValueSet> allValueSets;
  private final List<ConceptMapIndex> allConceptMaps;

  private ResourceIndex(Builder b, SystemAliases aliases) {
    codeSystems = frozen(b.codeSystems);
    supplements = frozen(b.supplements);
    valueSets = frozen(b.valueSets);
    Map<String, List<ConceptMapIndex>> maps = new LinkedHashMap<>();
    b.conceptMaps.forEach((url, versions) ->
        maps.put(url, versions.stream().map(cm -> new ConceptMapIndex(cm, aliases)).toList()));
    conceptMaps = frozen(maps);
    allCodeSystems = flattened(codeSystems.values());
    allValueSets = flattened(valueSets.values());
    allConceptMaps = flattened(conceptMaps.values());
  }

  /** An unmodifiable copy that keeps the order of the urls (listings follow it) and allows a null url. */
  private static <T> Map<String, List<T>> frozen(Map<String, List<T>> map) {
    Map<String, List<T>> copy = new LinkedHashMap<>();
    map.forEach((url, versions) -> copy.put(url, List.copyOf(versions)));
    return Collections.unmodifiableMap(copy);
  }

  private static <T> List<T> flattened(Collection<List<T>> lists) {
    List<T> all = new ArrayList<>();
    lists.forEach(all::addAll);
    return List.copyOf(all);
  }

  List<StoredCodeSystem> codeSystemVersions(String url) {
    return codeSystems.getOrDefault(url, List.of());
  }

  List<CodeSystem> supplementVersions(String url) {
    return supplements.getOrDefault(url, List.of());
  }

  List<ValueSet> valueSetVersions(String url) {
    return valueSets.getOrDefault(url, List.of());
  }

  List<ConceptMapIndex> conceptMapVersions(String url) {
    return conceptMaps.getOrDefault(url, List.of());
  }

  List<StoredCodeSystem> codeSystems() {
    return allCodeSystems;
  }

  List<ValueSet> valueSets() {
    return allValueSets;
  }

  List<ConceptMapIndex> conceptMaps() {
    return allConceptMaps;
  }

  /** Collects resources; a later resource with the same url and version replaces the earlier one. */
  static final class Builder {
    private final Map<String, List<StoredCodeSystem>> codeSystems = new LinkedHashMap<>();
    private final Map<String, List<CodeSystem>> supplements = new LinkedHashMap<>();
    private final Map<String, List<ValueSet>> valueSets = new LinkedHashMap<>();
    private final Map<String, List<ConceptMap>> conceptMaps = new LinkedHashMap<>();

    void addCodeSystem(CodeSystemRelease release, CodeSystem resource) {
      // a release without a version replaces one without a version too
      add(codeSystems, release.url(), new StoredCodeSystem(release, resource), s -> s.release().version(),
          (a, b) -> Objects.equals(a.release().version(), b.release().version()));
    }

    void addSupplement(CodeSystem supplement) {
      add(supplements, supplement.getUrl(), supplement, CodeSystem::getVersion, Builder::sameVersion);
    }

    void addValueSet(ValueSet vs) {
      add(valueSets, vs.getUrl(), vs, ValueSet::getVersion, Builder::sameVersion);
    }

    void addConceptMap(ConceptMap cm) {
      // maps are not replaced by url and version: several with the same canonical (a request's tx-resources often
      // have them) each hold their own groups, and $translate consults them all
      add(conceptMaps, cm.getUrl(), cm, ConceptMap::getVersion, (a, b) -> false);
    }

    /** A copy: what the builder collects afterwards does not reach the index built. aliases: the maps' systems. */
    ResourceIndex build(SystemAliases aliases) {
      return new ResourceIndex(this, aliases);
    }

    private static boolean sameVersion(MetadataResource a, MetadataResource b) {
      return a.getVersion() != null && a.getVersion().equals(b.getVersion());
    }

    /** replaces: whether the new item is the same resource as one collected, which it then replaces. */
    private static <T> void add(Map<String, List<T>> map, String url, T item, Function<T, String> version,
        BiPredicate<T, T> replaces) {
      List<T> versions = map.computeIfAbsent(url, k -> new ArrayList<>());
      versions.removeIf(v -> replaces.test(item, v));
      versions.add(item);
      versions.sort(Comparator.comparing(version, Versions.ORDER).reversed());
    }
  }
}
