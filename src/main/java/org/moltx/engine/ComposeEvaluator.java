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
import org.moltx.model.Canonical;
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
  /** Whether codes were matched across versions of a code system (versionsMatch), to echo. */
  private boolean versionsMatched;
  /** Releases an include named by version (not reached through a versionless include). */
  private final Set<CodeSystemRelease> pinned = new java.util.HashSet<>();
  /** Each flagged code system or value set used, in the order met. */
  private final Set<StatusFlag> flagged = new LinkedHashSet<>();

  private final Deque<String> path = new ArrayDeque<>();
  /** The value sets being evaluated, innermost first: where a '#id' reference finds its contained value set. */
  private final Deque<ValueSet> open = new ArrayDeque<>();
  private final TextFilter text;
  /** exclude-system: code systems (canonical url, and a version pattern or none) an expansion leaves out. */
  private final List<org.moltx.model.Canonical> excludedSystems;

  ComposeEvaluator(TerminologyStore store, VersionPolicy policy, TextFilter text) {
    this(store, policy, text, List.of());
  }

  /** An evaluator for an expansion that leaves the code systems {@code excludedSystems} names out (exclude-system). */
  ComposeEvaluator(TerminologyStore store, VersionPolicy policy, TextFilter text, List<String> excludedSystems) {
    this.store = store;
    this.policy = policy;
    this.text = text;
    // read once: an alias names the system it stands for
    this.excludedSystems = excludedSystems.stream().map(org.moltx.model.Canonical::parse)
        .map(c -> new org.moltx.model.Canonical(store.canonicalSystem(c.url()), c.version())).toList();
  }

  /** url|version of each code system release consulted. */
  Set<String> usedCodeSystems() {
    return usedCodeSystems;
  }

  boolean versionsMatched() {
    return versionsMatched;
  }

  /** url|version of each value set imported by url (contained ones are part of their container). */
  Set<String> usedValueSets() {
    return usedValueSets;
  }

  /** The flagged code systems and value sets used. */
  Set<StatusFlag> flagged() {
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
      String versionsMatch = ValueSets.expansionParameters(vs).get("versionsMatch");
      List<ConceptSetComponent> includes = vs.getCompose().getInclude();
      if (includes.size() == 1 && !vs.getCompose().hasExclude() && !includes.get(0).hasConcept()
          && !includes.get(0).hasValueSet() && versionsMatch == null) {
        // one include of one release, by filters: no code twice, no versions to match (a search takes this road)
        return expandInclude(includes.get(0));
      }
      Map<String, ExpansionItem> members = new LinkedHashMap<>();
      for (ConceptSetComponent include : vs.getCompose().getInclude()) {
        for (ExpansionItem item : expandInclude(include)) {
          members.putIfAbsent(key(item), item);
        }
      }
      Map<String, List<String>> keysByCode = null;
      for (ConceptSetComponent exclude : vs.getCompose().getExclude()) {
        for (ExpansionItem item : expandInclude(exclude)) {
          if (members.remove(key(item)) != null || "false".equals(versionsMatch)) {
            continue;
          }
          // no entry of the excluded version: versions match (the default), so the code goes whatever its version
          if (keysByCode == null) {
            keysByCode = new java.util.HashMap<>();
            for (ExpansionItem m : members.values()) {
              keysByCode.computeIfAbsent(m.system() + "|" + m.code(), k -> new ArrayList<>()).add(key(m));
            }
          }
          for (String k : keysByCode.getOrDefault(item.system() + "|" + item.code(), List.of())) {
            versionsMatched |= members.remove(k) != null;
          }
        }
      }
      versionsMatched |= "true".equals(versionsMatch);
      return byCode(members.values(), "true".equals(versionsMatch));
    } finally {
      leave();
    }
  }

  /**
   * A text search over the whole of one large release (a value set of one include naming only a system, the
   * implicit [system]?fhir_vs): the release and the matching concepts, from its word index, without building an item
   * per match. Null when the value set is any other shape or the release too small for an index.
   */
  Search search(ValueSet vs) {
    List<ConceptSetComponent> includes = vs.getCompose().getInclude();
    if (text == null || includes.size() != 1 || vs.getCompose().hasExclude() || vs.hasContained()
        || ValueSets.expansionParameters(vs).containsKey("versionsMatch")) {
      return null;
    }
    ConceptSetComponent include = includes.get(0);
    if (!include.hasSystem() || include.hasConcept() || include.hasFilter() || include.hasValueSet()) {
      return null;
    }
    enter(vs);
    try {
      CodeSystemRelease r = release(include, null, CodeSystemResolver.EXPANDING);
      java.util.BitSet hits = text.candidates(r);
      return hits == null ? null : new Search(r, hits);
    } finally {
      leave();
    }
  }

  /** The concepts of {@code release} a text search found, as bits by concept index. */
  record Search(CodeSystemRelease release, java.util.BitSet hits) {}

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
      leave();
    }
  }

  /**
   * One code from several versions of a code system: its entries side by side, the versions an include names first
   * (newest first), then the one a versionless include resolved to. With
   * versionsMatch the value set means one concept per code: the newest version's, with the display first met.
   */
  private List<ExpansionItem> byCode(java.util.Collection<ExpansionItem> items, boolean versionsMatch) {
    Map<String, CodeSystemRelease> releaseOfSystem = new java.util.HashMap<>();
    boolean severalVersions = false;
    for (ExpansionItem item : items) {
      severalVersions |= releaseOfSystem.computeIfAbsent(item.system(), k -> item.release()) != item.release();
    }
    if (!severalVersions) {
      return new ArrayList<>(items); // the usual case: nothing to group
    }
    Map<String, List<ExpansionItem>> groups = new LinkedHashMap<>();
    for (ExpansionItem item : items) {
      groups.computeIfAbsent(item.system() + "|" + item.code(), k -> new ArrayList<>()).add(item);
    }
    List<ExpansionItem> out = new ArrayList<>(items.size());
    for (List<ExpansionItem> group : groups.values()) {
      if (group.size() == 1) {
        out.add(group.get(0));
        continue;
      }
      if (versionsMatch) {
        ExpansionItem newest = group.stream()
            .max((a, b) -> org.moltx.store.Versions.compare(a.release().version(), b.release().version())).get();
        out.add(new ExpansionItem(newest.release(), newest.index(), group.get(0).display()));
      } else {
        group.sort(java.util.Comparator.comparing((ExpansionItem i) -> !pinned.contains(i.release()))
            .thenComparing((a, b) -> org.moltx.store.Versions.compare(b.release().version(), a.release().version())));
        out.addAll(group);
      }
    }
    return out;
  }

  /** compose.inactive = false: the value set holds only active concepts (what activeOnly asks for too). */
  static boolean excludesInactive(ValueSet vs) {
    return vs.getCompose().hasInactive() && !vs.getCompose().getInactive();
  }

  private void enter(ValueSet vs) {
    if (path.isEmpty()) {
      checkCycles(vs, new ArrayDeque<>());
    }
    String key = key(vs);
    if (path.contains(key)) {
      throw circularity(key, path);
    }
    path.push(key);
    open.push(vs);
    if (vs.getUrl() != null) {
      String flag = StatusFlags.ofValueSet(vs);
      if (flag != null) {
        flagged.add(new StatusFlag(flag, "ValueSet",
            new Canonical(vs.getUrl(), vs.hasVersion() ? vs.getVersion() : null)));
      }
    }
  }

  /**
   * A value set that imports or excludes itself, however indirectly, has no defined content: refused before any
   * membership question, which could otherwise be answered without ever meeting the cycle.
   */
  private void checkCycles(ValueSet vs, Deque<String> trail) {
    String key = key(vs);
    if (trail.contains(key)) {
      throw circularity(key, trail);
    }
    trail.push(key);
    List<ConceptSetComponent> parts = new ArrayList<>(vs.getCompose().getInclude());
    parts.addAll(vs.getCompose().getExclude());
    for (ConceptSetComponent part : parts) {
      for (CanonicalType c : part.getValueSet()) {
        if (c.getValue() == null || c.getValue().startsWith("#")) {
          continue;
        }
        ValueSet imported;
        try {
          imported = ValueSets.resolve(store, c.getValue(), null);
        } catch (TerminologyException e) {
          continue; // a missing value set is reported where it is used
        }
        checkCycles(imported, trail);
      }
    }
    trail.pop();
  }

  private static TerminologyException circularity(String key, Deque<String> trail) {
    return new TerminologyException(Problem.CIRCULAR_REFERENCE, MessageId.VALUESET_CIRCULAR_REFERENCE,
        MessageId.VALUESET_CIRCULAR_REFERENCE.text(key, trail), null);
  }

  private ValueSet vs() {
    return open.peek();
  }

  private void leave() {
    path.pop();
    open.pop();
  }

  private List<ExpansionItem> expandInclude(ConceptSetComponent include) {
    List<ValueSet> imported = imports(include, true);
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
    CodeSystemRelease r = release(include, null, CodeSystemResolver.EXPANDING);
    if (r == null) {
      return List.of(); // exclude-system leaves this code system out: nothing of it, nor of what it intersects
    }
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
      java.util.BitSet hits = text == null ? null : text.candidates(r);
      if (hits != null && !include.hasFilter()) {
        // a text search over a whole large release: just the index's hits, in the release's order
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
          items.add(new ExpansionItem(r, i, r.display(i)));
        }
      } else if (hits != null && !hasHierarchyFilter(include)) {
        // a search with property filters (billable = true, child exists false): test only the index's hits
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
          if (filter.test(i)) {
            items.add(new ExpansionItem(r, i, r.display(i)));
          }
        }
      } else {
        if (text != null) {
          IntPredicate textual = hits != null ? hits::get : i -> text.matches(r.code(i), r.display(i));
          filter = textual.and(filter);
        }
        for (int i : candidates(r, include)) {
          if (filter.test(i)) {
            items.add(new ExpansionItem(r, i, r.display(i)));
          }
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
    if (include.hasSystem() && !store.canonicalSystem(include.getSystem()).equals(system)) {
      return Membership.absent();
    }
    if (include.hasSystem() && version != null && include.hasVersion() && !CodeSystemResolver.matches(include.getVersion(), version)
        && vs().getCompose().getInclude().stream().filter(inc -> store.isSystem(inc.getSystem(), system)).count() > 1) {
      return Membership.absent(); // one of several versions the value set includes, but not the one asked about
    }
    List<ValueSet> imported = imports(include, false);
    Membership m = Membership.absent();
    if (include.hasSystem()) {
      CodeSystemRelease r = release(include, version, CodeSystemResolver.VALIDATING);
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

  /** The value sets an include imports; {@code expanding}: for an expansion, which words a missing pin its own way. */
  private List<ValueSet> imports(ConceptSetComponent include, boolean expanding) {
    List<ValueSet> result = new ArrayList<>();
    for (CanonicalType c : include.getValueSet()) {
      if (c.getValue() == null) {
        throw new TerminologyException(Problem.INVALID_VALUE_SET, "A value set import has no canonical",
            location(include) + ".valueSet");
      }
      if (c.getValue().startsWith("#")) {
        result.add(contained(c.getValue()));
      } else {
        // default-valueset-version pins an import that names no version
        String pinned = policy.pinValueSet(c.getValue());
        ValueSet v;
        try {
          v = ValueSets.resolve(store, pinned, null);
        } catch (TerminologyException e) {
          if (!expanding || pinned.equals(c.getValue()) || e.problem() != Problem.UNKNOWN_RESOURCE) {
            throw e;
          }
          throw new TerminologyException(Problem.UNKNOWN_RESOURCE, MessageId.VS_EXP_IMPORT_UNK_PINNED,
              MessageId.VS_EXP_IMPORT_UNK_PINNED.text(c.getValue(), Canonical.parse(pinned).version()), e.element());
        }
        usedValueSets.add(key(v));
        result.add(v);
      }
    }
    return result;
  }

  /** A '#id' reference: a value set contained in one of the value sets being evaluated. */
  private ValueSet contained(String reference) {
    String id = reference.substring(1);
    for (ValueSet outer : open) {
      for (org.hl7.fhir.r4.model.Resource r : outer.getContained()) {
        String rid = r.getIdElement().getIdPart();
        if (r instanceof ValueSet v && rid != null && (rid.equals(id) || rid.equals(reference))) {
          return v;
        }
      }
    }
    throw new TerminologyException(Problem.UNKNOWN_RESOURCE, "The contained value set '" + reference
        + "' could not be found", "valueSet");
  }

  /**
   * The release an include uses; {@code consequence} says what a missing one prevents. Null when the expansion's
   * exclude-system leaves it out (only an expansion's evaluator has exclusions): not resolved when the whole code
   * system is excluded, and then neither used nor checked against the version rules.
   */
  private CodeSystemRelease release(ConceptSetComponent include, String requestedVersion, String consequence) {
    String system = include.getSystem();
    if (excluded(system, null)) {
      return null;
    }
    String stated = include.hasVersion() ? include.getVersion() : requestedVersion;
    if (include.hasVersion() && requestedVersion != null && CodeSystemResolver.matches(include.getVersion(), requestedVersion)) {
      stated = requestedVersion; // a version the include's pattern (1.x) allows
    }
    String version = policy.choose(system, stated);
    if (policy.latestInstead(store, system, version) != null) {
      version = null; // default-to-latest-version: the newest release, named in used-codesystem
    }
    // no version named: the date's release, else the newest
    CodeSystemRelease r = CodeSystemResolver.resolve(store, system, version, policy.date(), consequence);
    if (excluded(system, r.version())) {
      return null;
    }
    if (stated == null && !policy.force().containsKey(system)) {
      if (policy.defaults().containsKey(system)) {
        appliedVersionRules.add("system-version=" + system + "|" + policy.defaults().get(system));
      } else if (policy.check().containsKey(system)) {
        appliedVersionRules.add("check-system-version=" + system + "|" + policy.check().get(system));
      }
    }
    // a check rule judges the release found, not the version or pattern asked for
    policy.enforce(system, r.version());
    if (include.hasVersion()) {
      pinned.add(r);
    }
    Canonical used = new Canonical(r.url(), r.version());
    usedCodeSystems.add(used.toString());
    String flag = StatusFlags.of(store, r);
    if (flag != null) {
      flagged.add(new StatusFlag(flag, "CodeSystem", used));
    }
    return r;
  }

  /**
   * Whether exclude-system leaves out this code system ({@code version} null: as a whole, by an entry without a
   * version) or this release of it (an entry whose version, or pattern, matches).
   */
  private boolean excluded(String system, String version) {
    String canonical = store.canonicalSystem(system);
    for (org.moltx.model.Canonical c : excludedSystems) {
      if (c.url().equals(canonical) && (!c.hasVersion() ? version == null
          : version != null && CodeSystemResolver.matches(c.version(), version))) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesFilters(CodeSystemRelease r, ConceptSetComponent include, int i) {
    return !include.hasFilter() || filter(r, include).test(i);
  }

  private IntPredicate filter(CodeSystemRelease r, ConceptSetComponent include) {
    IntPredicate all = i -> true;
    List<ConceptSetFilterComponent> filters = include.getFilter();
    for (int n = 0; n < filters.size(); n++) {
      ConceptSetFilterComponent f = filters.get(n);
      try {
        all = all.and(Filters.of(r, f.getProperty(), opOf(f, null), f.getValue()));
      } catch (TerminologyException e) {
        if (e.problem() != Problem.INVALID_REQUEST) {
          throw e;
        }
        // a broken filter is the value set's fault: say which one
        throw new TerminologyException(Problem.INVALID_VALUE_SET, e.messageId(), e.getMessage(),
            location(include) + ".filter[" + n + "]");
      }
    }
    return all;
  }

  /** "ValueSet.compose.include[n]" (or exclude[n]) of the value set being evaluated. */
  private String location(ConceptSetComponent part) {
    ValueSet vs = vs();
    int n = vs == null ? -1 : vs.getCompose().getInclude().indexOf(part);
    if (n >= 0) {
      return "ValueSet.compose.include[" + n + "]";
    }
    n = vs == null ? -1 : vs.getCompose().getExclude().indexOf(part);
    return n >= 0 ? "ValueSet.compose.exclude[" + n + "]" : "ValueSet.compose.include";
  }

  /** Whether an include narrows by an is-a or descendent-of root (whose subtree is the cheaper place to look). */
  private static boolean hasHierarchyFilter(ConceptSetComponent include) {
    for (ConceptSetFilterComponent f : include.getFilter()) {
      String op = opOf(f, "");
      if ((op.equals("is-a") || op.equals("descendent-of")) && "concept".equals(f.getProperty())) {
        return true;
      }
    }
    return false;
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

  /** The filter op as written: R5 ops such as child-of have no R4 enum constant, so read the raw code or extension. */
  private static String opOf(ConceptSetFilterComponent f, String fallback) {
    String op = f.getOpElement().getValueAsString();
    if (op == null) {
      // an R5 op carried into R4 by the cross-version extension on the op element
      org.hl7.fhir.r4.model.Extension r5 = f.getOpElement().getExtensionByUrl(R5_FILTER_OP);
      op = r5 != null && r5.hasValue() ? r5.getValue().primitiveValue() : null;
    }
    return op == null ? fallback : op;
  }

  private static final String R5_FILTER_OP =
      "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.compose.include.filter.op";

  /** url|version of a value set, as paths, messages and used-valueset name it. */
  private static String key(ValueSet vs) {
    return vs.getUrl() + (vs.hasVersion() ? "|" + vs.getVersion() : "");
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
