package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;

/** The ICD-10-CM order addenda: icd10cm-order-addenda-mini.txt applied to icd10cm-order-mini.txt. */
class Icd10CmAddendaTest {
  @TempDir Path dir;
  Path addendaFile;
  List<Icd10CmEntry> previous;

  @BeforeEach
  void load() {
    previous = Icd10CmOrderFile.read(Fixtures.stripped("icd10cm-order-mini.txt", dir));
    addendaFile = Fixtures.stripped("icd10cm-order-addenda-mini.txt", dir);
  }

  private List<Icd10CmEntry> apply() {
    return Icd10CmAddenda.read(addendaFile).applyTo(previous, "2027");
  }

  private static List<String> codes(List<Icd10CmEntry> entries) {
    return entries.stream().map(Icd10CmEntry::code).toList();
  }

  @Test
  void theNewReleaseHoldsThePreviousCodesWithTheAddedAndWithoutTheDeleted() {
    Set<String> expected = new TreeSet<>(codes(previous));
    expected.addAll(List.of("C7831", "D6911", "D6919", "L02237"));
    expected.removeAll(List.of("S23420", "S23420A"));

    assertThat(new TreeSet<>(codes(apply()))).isEqualTo(expected);
  }

  @Test
  void aNewCodeIsPlacedInTabularOrderAfterItsPredecessor() {
    List<String> codes = codes(apply());

    assertThat(codes).containsSubsequence("C7830", "C7831", "C7839");
    assertThat(codes.indexOf("C7831")).isEqualTo(codes.indexOf("C7830") + 1);
    assertThat(codes.indexOf("L02237")).isEqualTo(codes.indexOf("L02232") + 1);
    assertThat(codes.subList(codes.indexOf("D690"), codes.indexOf("D692") + 1))
        .containsExactly("D690", "D691", "D6911", "D6919", "D692");
  }

  @Test
  void everyUnchangedCodeKeepsItsRelativeOrder() {
    List<String> before = new ArrayList<>(codes(previous));
    before.removeAll(List.of("S23420", "S23420A"));
    List<String> after = new ArrayList<>(codes(apply()));
    after.removeAll(List.of("C7831", "D6911", "D6919", "L02237"));

    assertThat(after).isEqualTo(before);
  }

  @Test
  void aDeletedCodeIsGone() {
    List<String> codes = codes(apply());

    assertThat(codes).doesNotContain("S23420", "S23420A").contains("S2342");
  }

  @Test
  void aCodeDeletedAndAddedAgainBecomesAHeaderInItsOldPlace() {
    List<Icd10CmEntry> result = apply();
    Icd10CmEntry d691 = result.stream().filter(e -> e.code().equals("D691")).findFirst().orElseThrow();
    CodeSystemRelease release = Icd10CmReleases.build(result, Fixtures.info(Icd10CmReleases.SYSTEM, "2027"));
    int i = release.indexOf("D69.1");

    assertThat(d691.billable()).isFalse();
    assertThat(codes(result).indexOf("D691")).isEqualTo(codes(result).indexOf("D690") + 1);
    assertThat(release.isAbstract(i)).isTrue();
    assertThat(release.conceptProperties(i)).containsExactly(new ConceptProperty("billable", false));
    assertThat(release.code(release.parent(release.indexOf("D69.11")))).isEqualTo("D69.1");
  }

  @Test
  void aRevisionReplacesBothTitles() {
    CodeSystemRelease release = Icd10CmReleases.build(apply(), Fixtures.info(Icd10CmReleases.SYSTEM, "2027"));
    int i = release.indexOf("L02.232");

    assertThat(release.display(i)).isEqualTo("Carbuncle of back [any part, except buttock and flank]");
    assertThat(Arrays.asList(release.designations(i))).extracting(Designation::value)
        .containsExactly("Carbuncle of back [any part, except buttock and flank]");
  }

  @Test
  void thePreviousEntriesAreNotChanged() {
    List<Icd10CmEntry> copy = List.copyOf(previous);

    apply();

    assertThat(previous).isEqualTo(copy);
  }

  @Test
  void aTrailerThatDisagreesWithTheResultFailsTheLoadNamingTheFile() {
    Fixtures.replace(addendaFile, "16 codes in icd10cm_order_2027.txt", "17 codes in icd10cm_order_2027.txt");

    assertThatThrownBy(this::apply)
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.file()).isEqualTo(addendaFile.toString()))
        .hasMessageContaining(addendaFile.toString())
        .hasMessageContaining("16 codes and 12 headers")
        .hasMessageContaining("the trailer says 17 and 12");
  }

  @Test
  void aTrailerWithoutTheNewYearFailsTheLoad() {
    assertThatThrownBy(() -> Icd10CmAddenda.read(addendaFile).applyTo(previous, "2028"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining(addendaFile.toString())
        .hasMessageContaining("icd10cm_order_2028.txt");
  }

  @Test
  void deletingACodeThePreviousReleaseDoesNotHoldFailsNamingTheLine() {
    previous = previous.stream().filter(e -> !e.code().equals("S23420A")).toList();
    int line = lineOf("Delete:      1 S23420A");

    assertThatThrownBy(this::apply)
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageContaining(addendaFile + ":" + line)
        .hasMessageContaining("Delete of S23420A");
  }

  @Test
  void addingACodeThePreviousReleaseAlreadyHoldsFailsNamingTheLine() {
    int line = lineOf("Add:         1 C7831");
    Fixtures.changeLine(addendaFile, line, l -> l.replace("C7831", "C7830"));

    assertThatThrownBy(this::apply)
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageContaining("Add of C7830");
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("a short change line", (UnaryOperator<String>) l -> l.substring(0, 50), "at least 85"),
        Arguments.of("a bad flag", (UnaryOperator<String>) l -> l.substring(0, 13) + "2" + l.substring(14), "flag '2'"),
        Arguments.of("a code written with its dot", (UnaryOperator<String>) l -> l.replace("C7831  ", "C78.31 "),
            "'C78.31' is not an ICD-10-CM code"),
        Arguments.of("an unknown action", (UnaryOperator<String>) l -> l.replace("Add:    ", "Added:  "), "unrecognised line"));
  }

  @ParameterizedTest(name = "{0} fails the load with the file and line")
  @MethodSource("malformedLines")
  void aMalformedLineFailsTheLoadNamingTheFileAndLine(String what, UnaryOperator<String> change, String reason) {
    int line = lineOf("Add:         1 C7831");
    Fixtures.changeLine(addendaFile, line, change);

    assertThatThrownBy(() -> Icd10CmAddenda.read(addendaFile))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.file()).isEqualTo(addendaFile.toString());
          assertThat(e.line()).isEqualTo(line);
        })
        .hasMessageContaining(addendaFile + ":" + line)
        .hasMessageContaining(reason);
  }

  private int lineOf(String prefix) {
    return Fixtures.lineStartingWith(addendaFile, prefix);
  }
}
