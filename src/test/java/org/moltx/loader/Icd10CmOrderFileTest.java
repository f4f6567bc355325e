package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

/** The ICD-10-CM order file and the release built from it, on icd10cm-order-mini.txt. */
class Icd10CmOrderFileTest {
  @TempDir Path dir;
  Path file;
  CodeSystemRelease release;

  @BeforeEach
  void load() {
    file = Fixtures.stripped("icd10cm-order-mini.txt", dir);
    release = Icd10CmReleases.build(Icd10CmOrderFile.read(file), Fixtures.info(Icd10CmReleases.SYSTEM, "2026"));
  }

  @Test
  void everyLineBecomesOneEntryInTabularOrder() {
    List<Icd10CmEntry> entries = Icd10CmOrderFile.read(file);

    assertThat(entries).hasSize(26);
    assertThat(entries).extracting(Icd10CmEntry::code).startsWith("C78", "C783", "C7830").endsWith("S23420A");
  }

  @Test
  void codesAreWrittenWithTheDot() {
    assertThat(release.indexOf("C92.01")).isNotNegative();
    assertThat(release.indexOf("E08.37X1")).isNotNegative();
    assertThat(release.indexOf("C92")).isNotNegative();
    assertThat(release.indexOf("C9201")).isNegative();
  }

  @Test
  void theParentOfACodeIsItsLongestExistingPrefix() {
    assertThat(parentOf("E08.37X1")).as("there is no E08.37X").isEqualTo("E08.37");
    assertThat(parentOf("E08.37")).isEqualTo("E08.3");
    assertThat(parentOf("E08.3")).isEqualTo("E08");
    assertThat(parentOf("C92.01")).isEqualTo("C92.0");
    assertThat(parentOf("C92.0")).isEqualTo("C92");
    assertThat(parentOf("C92")).isNull();
  }

  @Test
  void headersAreNotSelectableAndNotBillable() {
    int header = release.indexOf("C92.0");

    assertThat(release.isAbstract(header)).isTrue();
    assertThat(release.conceptProperties(header)).containsExactly(new ConceptProperty("billable", false));
  }

  @Test
  void billableCodesAreSelectableAndBillable() {
    int code = release.indexOf("C92.01");

    assertThat(release.isAbstract(code)).isFalse();
    assertThat(release.conceptProperties(code)).containsExactly(new ConceptProperty("billable", true));
  }

  @Test
  void theDisplayIsTheLongTitleAndTheShortTitleIsADesignation() {
    int i = release.indexOf("C92.10");

    assertThat(release.display(i)).isEqualTo("Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission");
    assertThat(Arrays.asList(release.designations(i))).containsExactly(
        new Designation("en", Icd10CmReleases.SHORT_TITLE, "Chronic myeloid leuk, BCR/ABL-positive, not achieve remis"));
  }

  @Test
  void theReleaseDeclaresTheBillableProperty() {
    assertThat(release.properties()).containsExactly(Icd10CmReleases.BILLABLE);
  }

  @Test
  void aFileWithoutCodesIsRejected() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");

    assertThatThrownBy(() -> Icd10CmOrderFile.read(empty))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("holds no codes");
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("a short line", 5, (UnaryOperator<String>) l -> l.substring(0, 40), "at least 78"),
        Arguments.of("a bad flag", 6, (UnaryOperator<String>) l -> l.substring(0, 14) + "X" + l.substring(15),
            "flag 'X'"),
        Arguments.of("an order number that is not a number", 7, (UnaryOperator<String>) l -> "0000x" + l.substring(5),
            "'0000x' is not a number"),
        Arguments.of("an order number out of sequence", 8, (UnaryOperator<String>) l -> "00099" + l.substring(5),
            "where 8 was expected"),
        Arguments.of("a code written with its dot", 9, (UnaryOperator<String>) l -> l.substring(0, 6) + "C92.1  " + l.substring(13),
            "'C92.1' is not an ICD-10-CM code"),
        Arguments.of("a code that does not start with a letter", 10,
            (UnaryOperator<String>) l -> l.substring(0, 6) + "99210  " + l.substring(13), "'99210' is not an ICD-10-CM code"));
  }

  @ParameterizedTest(name = "{0} fails the load with the file and line {1}")
  @MethodSource("malformedLines")
  void aMalformedLineFailsTheLoadNamingTheFileAndLine(String what, int lineNo, UnaryOperator<String> change, String reason) {
    Fixtures.changeLine(file, lineNo, change);

    assertThatThrownBy(() -> Icd10CmOrderFile.read(file))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.file()).isEqualTo(file.toString());
          assertThat(e.line()).isEqualTo(lineNo);
        })
        .hasMessageContaining(file + ":" + lineNo)
        .hasMessageContaining(reason);
  }

  private String parentOf(String code) {
    int p = release.parent(release.indexOf(code));
    return p < 0 ? null : release.code(p);
  }
}
