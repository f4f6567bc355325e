package org.moltx.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * The links of one ConceptMap, indexed by source code and by target code; a group's source and target systems are
 * read through the store's aliases, so a map written with an OID serves requests for the canonical URI.
 */
public final class ConceptMapIndex {
  private final ConceptMap map;
  private final String canonical;
  private final List<MapEntry> entries = new ArrayList<>();
  private final Map<String, List<MapEntry>> bySource = new HashMap<>();
  private final Map<String, List<MapEntry>> byTarget = new HashMap<>();

  private final java.util.Set<String> sourceSystems = new java.util.HashSet<>();
  private final java.util.Set<String> targetSystems = new java.util.HashSet<>();

  public ConceptMapIndex(ConceptMap map, SystemAliases aliases) {
    this.map = map;
    this.canonical = map.hasVersion() ? map.getUrl() + "|" + map.getVersion() : map.getUrl();
    for (ConceptMap.ConceptMapGroupComponent g : map.getGroup()) {
      String source = aliases.canonical(g.getSource());
      String target = aliases.canonical(g.getTarget());
      if (source != null) {
        sourceSystems.add(source);
      }
      if (target != null) {
        targetSystems.add(target);
      }
      for (ConceptMap.SourceElementComponent e : g.getElement()) {
        for (ConceptMap.TargetElementComponent t : e.getTarget()) {
          MapEntry entry = new MapEntry(source, g.getSourceVersion(), e.getCode(), e.getDisplay(), target,
              g.getTargetVersion(), t.getCode(), t.getDisplay(),
              t.hasEquivalence() ? t.getEquivalence().toCode() : "equivalent", t.getComment());
          entries.add(entry);
          bySource.computeIfAbsent(key(entry.sourceSystem(), entry.sourceCode()), k -> new ArrayList<>()).add(entry);
          if (entry.targetCode() != null) {
            byTarget.computeIfAbsent(key(entry.targetSystem(), entry.targetCode()), k -> new ArrayList<>()).add(entry);
          }
        }
      }
    }
  }

  private static String key(String system, String code) {
    return system + "|" + code;
  }

  public ConceptMap map() {
    return map;
  }

  /** url|version, as $translate reports it in match.source. */
  public String canonical() {
    return canonical;
  }

  public List<MapEntry> entries() {
    return entries;
  }

  public List<MapEntry> fromSource(String system, String code) {
    return bySource.getOrDefault(key(system, code), List.of());
  }

  public List<MapEntry> toTarget(String system, String code) {
    return byTarget.getOrDefault(key(system, code), List.of());
  }

  public boolean hasSourceSystem(String system) {
    return sourceSystems.contains(system);
  }

  public boolean hasTargetSystem(String system) {
    return targetSystems.contains(system);
  }
}
