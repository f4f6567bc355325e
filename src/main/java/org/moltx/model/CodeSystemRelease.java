package org.moltx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One release of a code system in compact form: concept {@code i} is the i-th entry of parallel arrays, so that
 * a 100,000-concept release costs a few arrays and strings instead of a graph of FHIR model objects.
 */
public final class CodeSystemRelease {
  private static final int[] NO_CHILDREN = new int[0];
  private static final ConceptProperty[] NO_PROPERTIES = new ConceptProperty[0];

  private final CodeSystemInfo info;
  private final List<PropertyDef> properties;
  private final String[] codes;
  private final TextColumn displays;
  /** Null when no concept has a definition (ICD-10-CM). */
  private final String[] definitions;
  private final int[] parents;
  /** Concept i's children are {@code childList[childStart[i]]} to {@code childList[childStart[i + 1] - 1]}. */
  private final int[] childStart;
  private final int[] childList;
  private final BitSet notSelectable;
  private final BitSet inactive;
  /** By concept, null for none; null when {@link #designationColumn} holds them. */
  private final Designation[][] designations;
  private final DesignationColumn designationColumn;
  private final ConceptProperty[][] conceptProperties;
  /** Sparse: what a concept's extensions say (order, label, weight, rendering...), by concept index. */
  private final Map<Integer, ConceptProperty[]> extensionProperties;
  private final CodeIndex index;
  private final Map<String, Integer> caseInsensitiveIndex;
  /** Built while loading for a large release (StoreAssembler), else on first use; volatile: double-checked below. */
  private volatile WordIndex wordIndex;

  private CodeSystemRelease(CodeSystemInfo info, List<PropertyDef> properties, Builder b) {
    this.info = info;
    this.properties = List.copyOf(properties);
    int n = b.codes.size();
    this.codes = b.codes.toArray(new String[0]);
    this.displays = b.displayColumn != null ? b.displayColumn : TextColumn.of(b.displays.toArray(new String[0]));
    this.definitions = b.definitions.stream().allMatch(d -> d == null) ? null : b.definitions.toArray(new String[0]);
    this.designationColumn = b.designationColumn != null ? b.designationColumn : b.designations.column();
    this.designations = designationColumn != null ? null : b.designations.byConcept();
    this.conceptProperties = b.conceptProperties.toArray(new ConceptProperty[0][]);
    this.notSelectable = b.notSelectable;
    this.inactive = b.inactive;
    this.extensionProperties = Map.copyOf(b.extensionProperties);
    try {
      this.index = new CodeIndex(codes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " in " + info.url());
    }
    this.caseInsensitiveIndex = info.caseSensitive() ? null : new HashMap<>(n * 2);
    for (int i = 0; caseInsensitiveIndex != null && i < n; i++) {
      caseInsensitiveIndex.putIfAbsent(codes[i].toLowerCase(Locale.ROOT), i);
    }
    this.parents = new int[n];
    this.childStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      String parentCode = b.parentCodes.get(i);
      int p = parentCode == null ? -1 : index.indexOf(parentCode);
      if (parentCode != null && p < 0) {
        throw new IllegalArgumentException(
            "concept '" + codes[i] + "' names parent '" + parentCode + "', which is not in " + info.url());
      }
      parents[i] = p;
      if (p >= 0) {
        childStart[p + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      childStart[i + 1] += childStart[i];
    }
    // each parent's children in concept order: fill[p] is where its next child goes
    this.childList = new int[childStart[n]];
    int[] fill = Arrays.copyOf(childStart, n);
    for (int i = 0; i < n; i++) {
      if (parents[i] >= 0) {
        childList[fill[parents[i]]++] = i;
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public CodeSystemInfo info() {
    return info;
  }

  public String url() {
    return info.url();
  }

  public String version() {
    return info.version();
  }

  public List<PropertyDef> properties() {
    return properties;
  }

  public int size() {
    return codes.length;
  }

  /** The index of a code, or -1; honours the code system's case sensitivity. */
  public int indexOf(String code) {
    int i = index.indexOf(code);
    if (i < 0 && caseInsensitiveIndex != null) {
      Integer ci = caseInsensitiveIndex.get(code.toLowerCase(Locale.ROOT));
      return ci == null ? -1 : ci;
    }
    return i;
  }

  public String code(int i) {
    return codes[i];
  }

  public String display(int i) {
    return displays.get(i);
  }

  /**
   * What concept i's extensions say, as properties with the ecosystem's codes: order (conceptOrder), label, weight
   * (itemWeight), status (standards status), and rendering-style / rendering-xhtml; empty for most concepts.
   */
  public ConceptProperty[] extensionProperties(int i) {
    return extensionProperties.getOrDefault(i, NO_PROPERTIES);
  }

  public String definition(int i) {
    return definitions == null ? null : definitions[i];
  }

  /** The parent's index, or -1 for a root. */
  public int parent(int i) {
    return parents[i];
  }

  /** How many children concept i has, without copying them. */
  public int childCount(int i) {
    return childStart[i + 1] - childStart[i];
  }

  /** Concept i's children in concept order, as an array of the caller's own. */
  public int[] children(int i) {
    int from = childStart[i];
    int to = childStart[i + 1];
    return from == to ? NO_CHILDREN : Arrays.copyOfRange(childList, from, to);
  }

  public boolean isAbstract(int i) {
    return notSelectable.get(i);
  }

  public boolean isInactive(int i) {
    return inactive.get(i);
  }

  public Designation[] designations(int i) {
    if (designationColumn != null) {
      return designationColumn.get(i);
    }
    Designation[] d = designations[i];
    return d == null ? new Designation[0] : d;
  }

  public ConceptProperty[] conceptProperties(int i) {
    ConceptProperty[] p = conceptProperties[i];
    return p == null ? new ConceptProperty[0] : p;
  }

  /** True when {@code ancestor} is {@code descendant} or one of its ancestors. */
  public boolean subsumes(int ancestor, int descendant) {
    for (int i = descendant; i >= 0; i = parents[i]) {
      if (i == ancestor) {
        return true;
      }
    }
    return false;
  }

  public int[] roots() {
    return java.util.stream.IntStream.range(0, codes.length).filter(i -> parents[i] < 0).toArray();
  }

  public PropertyDef propertyDef(String code) {
    for (PropertyDef p : properties) {
      if (p.code().equals(code)) {
        return p;
      }
    }
    return null;
  }

  /** Gives this release the word index read from a snapshot, so that it is not built (before first use). */
  public synchronized void useWordIndex(WordIndex index) {
    if (wordIndex == null) {
      wordIndex = index;
    }
  }

  /**
   * The word index of the displays, built on first use. The lock is this release's, so only threads wanting this
   * index wait for it; every later call reads the field without locking.
   */
  public WordIndex wordIndex() {
    WordIndex index = wordIndex;
    if (index == null) {
      synchronized (this) {
        index = wordIndex;
        if (index == null) {
          index = WordIndex.build(this);
          wordIndex = index;
        }
      }
    }
    return index;
  }

  @Override
  public String toString() {
    return info.url() + "|" + info.version() + " (" + codes.length + " concepts)";
  }

  /** Collects concepts in order; parents may be named before or after their children. */
  public static final class Builder {
    private final List<String> codes = new ArrayList<>();
    private final List<String> displays = new ArrayList<>();
    private final List<String> definitions = new ArrayList<>();
    private final List<String> parentCodes = new ArrayList<>();
    private final DesignationColumn.Collector designations = new DesignationColumn.Collector();
    private final List<ConceptProperty[]> conceptProperties = new ArrayList<>();
    private final BitSet notSelectable = new BitSet();
    private final BitSet inactive = new BitSet();
    private final Map<Integer, ConceptProperty[]> extensionProperties = new HashMap<>();
    private TextColumn displayColumn;
    private DesignationColumn designationColumn;

    /**
     * Gives every concept its display and its one designation (of {@code language} and {@code use}) from packed
     * columns (a release read from a snapshot: {@link TextColumn#packed}); {@link #add} then takes null for both.
     */
    public Builder texts(TextColumn displays, String language, CodingValue use, TextColumn designationValues) {
      this.displayColumn = displays;
      this.designationColumn = new DesignationColumn(language, use, designationValues);
      return this;
    }

    public Builder add(
        String code,
        String display,
        String definition,
        String parentCode,
        boolean isAbstract,
        boolean isInactive,
        Designation[] conceptDesignations,
        ConceptProperty[] properties) {
      int i = codes.size();
      codes.add(code);
      definitions.add(definition);
      parentCodes.add(parentCode);
      if (displayColumn == null) {
        displays.add(display);
        designations.add(conceptDesignations);
      }
      conceptProperties.add(properties == null || properties.length == 0 ? null : properties);
      notSelectable.set(i, isAbstract);
      inactive.set(i, isInactive);
      return this;
    }

    public int size() {
      return codes.size();
    }

    /** Sets what the extensions of the concept added last say (see {@link CodeSystemRelease#extensionProperties}). */
    public Builder extensionProperties(ConceptProperty[] properties) {
      if (properties != null && properties.length > 0) {
        extensionProperties.put(codes.size() - 1, properties);
      }
      return this;
    }

    public CodeSystemRelease build(CodeSystemInfo info, List<PropertyDef> properties) {
      return new CodeSystemRelease(info, properties, this);
    }
  }
}
