package org.moltx.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact layout answers as the concepts were given: children, designations, definitions. */
class CodeSystemReleaseTest {
  private static final CodingValue SHORT = new CodingValue("http://example.org/use", "short", "Short");
  private static final CodeSystemInfo INFO = new CodeSystemInfo("t", "http://example.org/cs", "1", "T", null,
      "active", "complete", null, null, null, true, null, null, null, null);

  @Test
  void childrenAreInConceptOrderWhereverTheParentIs() {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("A.1", "a1", null, "A", false, false, null, null);
    b.add("A", "a", null, null, true, false, null, null);
    b.add("B", "b", null, null, true, false, null, null);
    b.add("B.1", "b1", null, "B", false, false, null, null);
    b.add("A.2", "a2", null, "A", false, false, null, null);
    b.add("A.2.1", "a21", null, "A.2", false, false, null, null);
    CodeSystemRelease r = b.build(INFO, List.of());

    assertThat(r.children(r.indexOf("A"))).containsExactly(0, 4);
    assertThat(r.children(r.indexOf("B"))).containsExactly(3);
    assertThat(r.children(r.indexOf("A.2"))).containsExactly(5);
    assertThat(r.children(r.indexOf("A.1"))).isEmpty();
    assertThat(r.children(r.indexOf("A.2.1"))).isEmpty();
    assertThat(r.roots()).containsExactly(1, 2);
    assertThat(r.parent(5)).isEqualTo(4);
  }

  @Test
  void oneDesignationOfOneKindPerConceptReadsBackAsGiven() {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("A", "Alpha long", null, null, false, false, new Designation[] {new Designation("en", SHORT, "Alpha")}, null);
    b.add("B", "Beta long", null, null, false, false, new Designation[] {new Designation("en", SHORT, "Beta")}, null);
    CodeSystemRelease r = b.build(INFO, List.of());

    assertThat(r.designations(0)).containsExactly(new Designation("en", SHORT, "Alpha"));
    assertThat(r.designations(1)).containsExactly(new Designation("en", SHORT, "Beta"));
    assertThat(r.definition(0)).isNull();
  }

  @Test
  void mixedDesignationsAndDefinitionsReadBackAsGiven() {
    Designation french = new Designation("fr", SHORT, "Alpha fr");
    Designation sourced = new Designation("en", SHORT, "Beta", "http://example.org/supplement|1", List.of());
    Designation withExtension = new Designation("en", SHORT, "Gamma", null,
        List.of(new ExtensionValue("http://example.org/ext", "string", "x")));
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("A", "Alpha", "the first", null, false, false, new Designation[] {french}, null);
    b.add("B", "Beta", null, null, false, false, new Designation[] {sourced}, null);
    b.add("C", "Gamma", null, null, false, false, new Designation[] {withExtension}, null);
    b.add("D", "Delta", null, null, false, false, null, null);
    b.add("E", "Epsilon", null, null, false, false, new Designation[] {french, sourced}, null);
    CodeSystemRelease r = b.build(INFO, List.of());

    assertThat(r.designations(0)).containsExactly(french);
    assertThat(r.designations(1)).containsExactly(sourced);
    assertThat(r.designations(2)).containsExactly(withExtension);
    assertThat(r.designations(3)).isEmpty();
    assertThat(r.designations(4)).containsExactly(french, sourced);
    assertThat(r.definition(0)).isEqualTo("the first");
    assertThat(r.definition(1)).isNull();
  }

  @Test
  void designationsOfDifferentLanguagesOrUsesAreKeptEach() {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("A", "Alpha", null, null, false, false, new Designation[] {new Designation("en", SHORT, "a")}, null);
    b.add("B", "Beta", null, null, false, false, new Designation[] {new Designation("de", SHORT, "b")}, null);
    b.add("C", "Gamma", null, null, false, false, new Designation[] {new Designation("en", null, "c")}, null);
    CodeSystemRelease r = b.build(INFO, List.of());

    assertThat(r.designations(0)).containsExactly(new Designation("en", SHORT, "a"));
    assertThat(r.designations(1)).containsExactly(new Designation("de", SHORT, "b"));
    assertThat(r.designations(2)).containsExactly(new Designation("en", null, "c"));
  }

  @Test
  void conceptsWithoutDesignationsReadBackEmpty() {
    Designation alpha = new Designation("en", SHORT, "Alpha");
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("A", "Alpha", null, null, false, false, null, null);
    b.add("B", "Beta", null, null, false, false, new Designation[] {alpha}, null);
    b.add("C", "Gamma", null, null, false, false, new Designation[0], null);
    CodeSystemRelease r = b.build(INFO, List.of());

    assertThat(r.designations(0)).isEmpty();
    assertThat(r.designations(1)).containsExactly(alpha);
    assertThat(r.designations(2)).isEmpty();
    assertThat(CodeSystemRelease.builder().build(INFO, List.of()).size()).isZero();
  }
}
