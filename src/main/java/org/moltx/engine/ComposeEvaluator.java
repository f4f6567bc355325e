package org.moltx.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.TerminologyStore;

/**
 * Evaluates ValueSet.compose: expansion (every member, in compose order) and membership of one code, which is
 * answered from the rules without expanding, so that value sets over all of ICD-10-CM stay cheap to check.
 */
final class ComposeEvaluator {
  private final TerminologyStore store;
  private final VersionPolicy policy;
  private final Set<String> usedCodeSystems = new LinkedHashSet<>();
  private final Set<String> usedValueSets = new LinkedHashSet<>();
  private final Set<String> appliedVersionRules = new LinkedHashSet<>();
  /** "flag|kind|url|version" for each flagged code system or value set used, in the order met. */
  private final Set<String> flagged = new LinkedHashSet<>();

  private final Deque<String> path = new ArrayDeque<>();
  private final TextFilter text;

  ComposeEvaluator(TerminologyStore store, VersionPolicy policy, TextFilter text) {
    this.store = store;
    this.policy = policy;
    this.text = text;
  }

  /** url|version of each code system release consulted. */
  Set<String> usedCodeSystems() {
    return usedCodeSystems;
  }

  Set<String> usedValueSets() {
    return usedValueSets;
  }

  /** Flagged resources used: entries "flag|CodeSystem|url|version" or "flag|ValueSet|url|version". */
  Set<String> flagged() {
    return flagged;
  }

  /** "system-version=system|version" and "check-system-version=..." rules that chose a version, to echo. */
  Set<String> appliedVersionRules() {
    return appliedVersionRules;
  }

  /** Every member; a concept included twice appears once. */
  List<ExpansionItem> expand(ValueSet vs) {
    enter(vs);
    try {
      Map<String, ExpansionItem> members = new LinkedHashMap<>();
      for (ConceptSetComponent include : vs.getCompose().getInclude()) {
        for (ExpansionItem item : expandInclude(include)) {
          members.putIfAbsent(key(item), item);
        }
      }
      for (ConceptSetComponent exclude : vs.getCompose().getExclude()) {
        for (ExpansionItem item : expandInclude(exclude)) {
          members.keySet().removeIf(k -> k.startsWith(item.system() + "|") && k.endsWith("|" + item.code()));
        }
      }
      return new ArrayList<>(members.values());
    } finally {
      path.pop();
    }
  }

  /** Whether (system, code) is a member; the release consulted is returned through {@link Membership}. */
  Membership contains(ValueSet vs, String system, String version, String code) {
    enter(vs);
    try {
      Membership found = Membership.absent();
      for (ConceptSetComponent include : vs.getCompose().getInclude()) {
        Membership m = includeContains(include, system, version, code);
        if (m.member()) {
          found = m;
          break;
        }
        found = found.release() == null ? m : found;
      }
      if (found.member() && excludesInactive(vs) && found.release().isInactive(found.index())) {
        return new Membership(false, found.release(), found.index());
      }
      if (found.member()) {
        for (ConceptSetComponent exclude : vs.getCompose().getExclude()) {
          if (includeContains(exclude, system, version, code).member()) {
            return new Membership(false, found.release(), found.index());
          }
        }
      }
      return found;
    } finally {
      path.pop();
    }
  }

  /** compose.inactive = false: the value set holds only active concepts (what activeOnly asks for too). */
  static boolean excludesInactive(ValueSet vs) {
    return vs.getCompose().hasInactive() && !vs.getCompose().getInactive();
  }

  private void enter(ValueSet vs) {
    String key = vs.getUrl() + (vs.hasVersion() ? "|" + vs.getVersion() : "");
    if (path.contains(key)) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "Found a circularity pointing to " + key
          + " processing ValueSet with pathway " + path, "valueSet");
    }
    path.push(key);
    if (vs.getUrl() != null) {
      usedValueSets.add(key);
      String flag = StatusFlags.ofValueSet(vs);
      if (flag != null) {
        flagged.add(flag + "|ValueSet|" + key);
      }
    }
  }

  private List<ExpansionItem> expandInclude(ConceptSetComponent include) {
    List<ValueSet> imported = imports(include);
    if (!include.hasSystem()) {
      // only value sets: the intersection of their expansions
      List<ExpansionItem> result = null;
      for (ValueSet v : imported) {
        List<ExpansionItem> items = expand(v);
        if (result == null) {
          result = items;
        } else {
          Set<String> keep = keys(items);
          result.removeIf(i -> !keep.contains(i.system() + "|" + i.code()));
        }
      }
      return result == null ? List.of() : result;
    }
    CodeSystemRelease r = release(include);
    List<ExpansionItem> items = new ArrayList<>();
    if (include.hasConcept()) {
      for (ConceptReferenceComponent c : include.getConcept()) {
        int i = r.indexOf(c.getCode());
        String display = i < 0 ? null : c.hasDisplay() ? c.getDisplay() : r.display(i);
        if (i >= 0 && matchesFilters(r, include, i) && (text == null || text.matches(r.code(i), display))) {
          items.add(new ExpansionItem(r, i, display, c));
        }
      }
    } else {
      IntPredicate filter = filter(r, include);
      if (text != null) {
        java.util.BitSet hits = text.candidates(r);
        filter = hits != null ? filter.and(hits::get) : filter.and(i -> text.matches(r.code(i), r.display(i)));
      }
      for (int i : candidates(r, include)) {
        if (filter.test(i)) {
          items.add(new ExpansionItem(r, i, r.display(i)));
        }
      }
    }
    for (ValueSet v : imported) {
      Set<String> keep = keys(expand(v));
      items.removeIf(i -> !keep.contains(i.system() + "|" + i.code()));
    }
    return items;
  }

  private Membership includeContains(ConceptSetComponent include, String system, String version, String code) {
    if (include.hasSystem() && !include.getSystem().equals(system)) {
      return Membership.absent();
    }
    List<ValueSet> imported = imports(include);
    Membership m = Membership.absent();
    if (include.hasSystem()) {
      CodeSystemRelease r = release(include, version);
      int i = r.indexOf(code);
      if (i < 0) {
        return new Membership(false, r, -1);
      }
      boolean listed = !include.hasConcept()
          || include.getConcept().stream().anyMatch(c -> r.code(i).equals(c.getCode()));
      if (!listed || !matchesFilters(r, include, i)) {
        return new Membership(false, r, i);
      }
      m = new Membership(true, r, i);
    }
    for (ValueSet v : imported) {
      Membership inner = contains(v, system, version, code);
      if (!inner.member()) {
        return include.hasSystem() ? new Membership(false, m.release(), m.index()) : inner;
      }
      if (!include.hasSystem()) {
        m = inner;
      }
    }
    return m;
  }

  private List<ValueSet> imports(ConceptSetComponent include) {
    List<ValueSet> result = new ArrayList<>();
    for (CanonicalType c : include.getValueSet()) {
      result.add(ValueSets.resolve(store, c.getValue(), null));
    }
    return result;
  }

  private CodeSystemRelease release(ConceptSetComponent include) {
    return release(include, null);
  }

  private CodeSystemRelease release(ConceptSetComponent include, String requestedVersion) {
    String system = include.getSystem();
    String stated = include.hasVersion() ? include.getVersion() : requestedVersion;
    if (include.hasVersion() && requestedVersion != null && CodeSystemResolver.matches(include.getVersion(), requestedVersion)) {
      stated = requestedVersion; // a version the include's pattern (1.x) allows
    }
    String version = policy.versionFor(system, stated);
    if (stated == null && !policy.force().containsKey(system)) {
      if (policy.defaults().containsKey(system)) {
        appliedVersionRules.add("system-version=" + system + "|" + policy.defaults().get(system));
      } else if (policy.check().containsKey(system)) {
        appliedVersionRules.add("check-system-version=" + system + "|" + policy.check().get(system));
      }
    }
    CodeSystemRelease r = CodeSystemResolver.resolve(store, system, version, null);
    String key = r.url() + (r.version() != null ? "|" + r.version() : "");
    usedCodeSystems.add(key);
    String flag = StatusFlags.of(store, r);
    if (flag != null) {
      flagged.add(flag + "|CodeSystem|" + key);
    }
    return r;
  }

  private static boolean matchesFilters(CodeSystemRelease r, ConceptSetComponent include, int i) {
    return !include.hasFilter() || filter(r, include).test(i);
  }

  private static IntPredicate filter(CodeSystemRelease r, ConceptSetComponent include) {
    IntPredicate all = i -> true;
    for (ConceptSetFilterComponent f : include.getFilter()) {
      all = all.and(Filters.of(r, f.getProperty(), opOf(f, null), f.getValue()));
    }
    return all;
  }

  /** The concepts worth testing: the subtree of an is-a or descendent-of root when there is one, else all. */
  private static int[] candidates(CodeSystemRelease r, ConceptSetComponent include) {
    for (ConceptSetFilterComponent f : include.getFilter()) {
      String op = opOf(f, "");
      if ((op.equals("is-a") || op.equals("descendent-of")) && "concept".equals(f.getProperty())) {
        int root = r.indexOf(f.getValue());
        if (root < 0) {
          return new int[0];
        }
        List<Integer> out = new ArrayList<>();
        collect(r, root, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    return java.util.stream.IntStream.range(0, r.size()).toArray();
  }

  private static void collect(CodeSystemRelease r, int i, List<Integer> out) {
    out.add(i);
    for (int child : r.children(i)) {
      collect(r, child, out);
    }
  }

  /** The filter op as written: R5 ops such as child-of have no R4 enum constant, so read the raw code. */
  private static String opOf(ConceptSetFilterComponent f, String fallback) {
    String op = f.getOpElement().getValueAsString();
    return op == null ? fallback : op;
  }

  /** Concepts of different versions of one code system are different members. */
  private static String key(ExpansionItem item) {
    return item.system() + "|" + item.release().version() + "|" + item.code();
  }

  private static Set<String> keys(List<ExpansionItem> items) {
    Set<String> keys = new java.util.HashSet<>();
    items.forEach(i -> keys.add(i.system() + "|" + i.code()));
    return keys;
  }
}
