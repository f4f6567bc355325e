package org.moltx.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;

/** The links of one ConceptMap, indexed by source code and by target code. */
public final class ConceptMapIndex {
  private final ConceptMap map;
  private final String canonical;
  private final List<MapEntry> entries = new ArrayList<>();
  private final Map<String, List<MapEntry>> bySource = new HashMap<>();
  private final Map<String, List<MapEntry>> byTarget = new HashMap<>();

  public ConceptMapIndex(ConceptMap map) {
    this.map = map;
    this.canonical = map.hasVersion() ? map.getUrl() + "|" + map.getVersion() : map.getUrl();
    for (ConceptMap.ConceptMapGroupComponent g : map.getGroup()) {
      for (ConceptMap.SourceElementComponent e : g.getElement()) {
        for (ConceptMap.TargetElementComponent t : e.getTarget()) {
          MapEntry entry = new MapEntry(g.getSource(), g.getSourceVersion(), e.getCode(), e.getDisplay(), g.getTarget(),
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
    return map.getGroup().stream().anyMatch(g -> system.equals(g.getSource()));
  }

  public boolean hasTargetSystem(String system) {
    return map.getGroup().stream().anyMatch(g -> system.equals(g.getTarget()));
  }
}
