package org.moltx.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemRelease;

/**
 * One request's resources (its tx-resources, an inline resource, the supplements it applies) in front of a base
 * store: consulted first, dropped with the request. The base is never changed, so other requests do not see them.
 */
public final class Overlay extends TerminologyStore {
  private final TerminologyStore base;
  private final ResourceIndex resources;

  private Overlay(TerminologyStore base, ResourceIndex resources) {
    this.base = base;
    this.resources = resources;
  }

  @Override
  List<StoredCodeSystem> definedCodeSystemVersions(String canonical) {
    return inFront(resources.codeSystemVersions(canonical), base.definedCodeSystemVersions(canonical),
        s -> s.release().version());
  }

  @Override
  List<ValueSet> definedValueSetVersions(String url) {
    return inFront(resources.valueSetVersions(url), base.definedValueSetVersions(url), ValueSet::getVersion);
  }

  @Override
  public SystemAliases aliases() {
    return base.aliases();
  }

  @Override
  FallbackSource fallback() {
    return base.fallback();
  }

  @Override
  public boolean hasLicensedDisplay(String url, String version, String code) {
    return base.hasLicensedDisplay(url, version, code);
  }

  @Override
  public List<CodeSystem> supplementVersions(String url) {
    return inFront(resources.supplementVersions(url), base.supplementVersions(url), CodeSystem::getVersion);
  }

  @Override
  public List<ConceptMapIndex> conceptMapVersions(String url) {
    return inFront(resources.conceptMapVersions(url), base.conceptMapVersions(url), i -> i.map().getVersion());
  }

  @Override
  public List<StoredCodeSystem> codeSystems() {
    return concat(resources.codeSystems(), base.codeSystems());
  }

  @Override
  public List<ValueSet> valueSets() {
    return concat(resources.valueSets(), base.valueSets());
  }

  @Override
  public List<ConceptMapIndex> conceptMaps() {
    return concat(resources.conceptMaps(), base.conceptMaps());
  }

  /** The overlay's versions, then those of the base whose version is not among them yet. */
  private static <T> List<T> inFront(List<T> own, List<T> behind, Function<T, String> version) {
    if (behind.isEmpty()) {
      return own;
    }
    List<T> result = new ArrayList<>(own);
    for (T t : behind) {
      if (result.stream().noneMatch(r -> Objects.equals(version.apply(r), version.apply(t)))) {
        result.add(t);
      }
    }
    return Collections.unmodifiableList(result);
  }

  private static <T> List<T> concat(List<T> own, List<T> behind) {
    List<T> all = new ArrayList<>(own);
    all.addAll(behind);
    return Collections.unmodifiableList(all);
  }

  /** Collects a request's resources; {@link #build} puts them in front of the base. */
  public static final class Builder extends ContentBuilder<Builder> {
    private final TerminologyStore base;

    Builder(TerminologyStore base) {
      this.base = base;
    }

    @Override
    public TerminologyStore build() {
      return new Overlay(base, resources.build(base.aliases()));
    }
  }
}
