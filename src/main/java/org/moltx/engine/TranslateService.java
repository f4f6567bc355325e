package org.moltx.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.store.ConceptMapIndex;
import org.moltx.store.MapEntry;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** ConceptMap/$translate over the loaded maps, forward or reverse, optionally through the code's ancestors. */
public final class TranslateService {

  public TranslateResult translate(TerminologyStore store, TranslateRequest req) {
    if (req.code() == null || req.code().isBlank()) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No code given: supply code and system, coding or codeableConcept", "code");
    }
    if (req.system() == null || req.system().isBlank()) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No system given for code '" + req.code() + "'", "system");
    }
    String system = store.canonicalSystem(req.system());
    String targetSystem = store.canonicalSystem(req.targetSystem());
    List<ConceptMapIndex> maps = candidateMaps(store, req, system, targetSystem);
    CodeSystemRelease hierarchy = req.viaHierarchy() ? release(store, system, req.version()) : null;

    List<TranslateMatch> matches = new ArrayList<>();
    CodingValue via = null;
    // walk from the code up its ancestors until some map has a link; the nearest mapped ancestor wins
    for (String code = req.code(); code != null && matches.isEmpty(); code = parentOf(hierarchy, code)) {
      for (ConceptMapIndex map : maps) {
        List<MapEntry> entries = req.reverse() ? map.toTarget(system, code) : map.fromSource(system, code);
        for (MapEntry e : entries) {
          String otherSystem = req.reverse() ? e.sourceSystem() : e.targetSystem();
          if (targetSystem != null && !targetSystem.equals(otherSystem)) {
            continue;
          }
          String otherCode = req.reverse() ? e.sourceCode() : e.targetCode();
          String mapDisplay = req.reverse() ? e.sourceDisplay() : e.targetDisplay();
          CodingValue concept = otherCode == null ? null
              : new CodingValue(otherSystem, otherCode,
                  // the display the map states, as the code system officially has it
                  mapDisplay == null ? null : officialDisplay(store, otherSystem, otherCode, mapDisplay));
          matches.add(new TranslateMatch(e.equivalence(), concept, map.canonical(), e.comment(), null));
        }
      }
      if (!matches.isEmpty() && !code.equals(req.code())) {
        via = new CodingValue(system, code, hierarchy.display(hierarchy.indexOf(code)));
      }
    }
    if (via != null) {
      CodingValue ancestor = via;
      matches.replaceAll(m -> new TranslateMatch(m.equivalence(), m.concept(), m.source(), m.comment(), ancestor));
    }
    return new TranslateResult(!matches.isEmpty(), message(req, system, matches, via), deduplicate(matches));
  }

  private static List<TranslateMatch> deduplicate(List<TranslateMatch> matches) {
    return new ArrayList<>(new LinkedHashSet<>(matches));
  }

  private static String message(TranslateRequest req, String system, List<TranslateMatch> matches, CodingValue via) {
    if (matches.isEmpty()) {
      return "No " + (req.reverse() ? "reverse " : "") + "mappings found for code '" + req.code() + "' in system '" + system + "'";
    }
    if (via != null) {
      return "'" + req.code() + "' has no mapping of its own; " + matches.size() + " match(es) through its ancestor '"
          + via.code() + "' (" + via.display() + ")";
    }
    return null;
  }

  private static List<ConceptMapIndex> candidateMaps(TerminologyStore store, TranslateRequest req, String system, String targetSystem) {
    List<ConceptMapIndex> maps;
    if (req.conceptMapUrl() != null) {
      maps = store.conceptMapVersions(req.conceptMapUrl());
      if (req.conceptMapVersion() != null) {
        maps = maps.stream().filter(m -> req.conceptMapVersion().equals(m.map().getVersion())).toList();
      } else if (!maps.isEmpty()) {
        maps = List.of(maps.get(0));
      }
      if (maps.isEmpty()) {
        throw new TerminologyException(Problem.UNKNOWN_RESOURCE, "Unable to find ConceptMap '" + req.conceptMapUrl()
            + (req.conceptMapVersion() != null ? "|" + req.conceptMapVersion() : "") + "'", "url");
      }
      return maps;
    }
    Set<String> seen = new LinkedHashSet<>();
    maps = new ArrayList<>();
    for (ConceptMapIndex m : store.conceptMaps()) {
      boolean fits = req.reverse() ? m.hasTargetSystem(system) : m.hasSourceSystem(system);
      if (fits && (req.sourceScope() == null || req.sourceScope().equals(m.map().getSourceUriType().primitiveValue()))
          && (req.targetScope() == null || req.targetScope().equals(m.map().getTargetUriType().primitiveValue()))
          && seen.add(m.map().getUrl())) {
        maps.add(m);
      }
    }
    return maps;
  }

  private static CodeSystemRelease release(TerminologyStore store, String system, String version) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    if (versions.isEmpty()) {
      return null;
    }
    return version == null ? versions.get(0).release() : CodeSystemResolver.resolve(store, system, version, null);
  }

  private static String parentOf(CodeSystemRelease hierarchy, String code) {
    if (hierarchy == null) {
      return null;
    }
    int i = hierarchy.indexOf(code);
    return i < 0 || hierarchy.parent(i) < 0 ? null : hierarchy.code(hierarchy.parent(i));
  }

  private static String officialDisplay(TerminologyStore store, String system, String code, String fallback) {
    List<StoredCodeSystem> versions = store.codeSystemVersions(system);
    if (!versions.isEmpty()) {
      CodeSystemRelease r = versions.get(0).release();
      int i = r.indexOf(code);
      if (i >= 0) {
        return r.display(i);
      }
    }
    return fallback;
  }
}
