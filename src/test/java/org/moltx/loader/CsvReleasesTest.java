package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;
import org.moltx.model.PropertyDef;

/** The NUCC taxonomy and CMS place-of-service CSVs, on nucc-taxonomy-mini.csv and cms-place-of-service-mini.csv. */
class CsvReleasesTest {
  static final String NUCC = "http://nucc.org/provider-taxonomy";
  static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

  @TempDir Path dir;

  private CodeSystemRelease nucc() {
    return CsvReleases.nucc(Fixtures.stripped("nucc-taxonomy-mini.csv", dir), Fixtures.info(NUCC, "25.1"));
  }

  private CodeSystemRelease pos() {
    return CsvReleases.placeOfService(Fixtures.stripped("cms-place-of-service-mini.csv", dir), Fixtures.info(POS, "x"));
  }

  private static Map<String, Object> properties(CodeSystemRelease release, String code) {
    return Arrays.stream(release.conceptProperties(release.indexOf(code)))
        .collect(Collectors.toMap(ConceptProperty::code, ConceptProperty::value));
  }

  private static String parentOf(CodeSystemRelease release, String code) {
    int p = release.parent(release.indexOf(code));
    return p < 0 ? null : release.code(p);
  }

  @Test
  void everyNuccRowIsAConceptWhoseDisplayIsTheDisplayName() {
    CodeSystemRelease nucc = nucc();

    assertThat(nucc.size()).isEqualTo(6);
    assertThat(nucc.display(nucc.indexOf("207ZP0105X"))).isEqualTo("Clinical Pathology/Laboratory Medicine Physician");
    assertThat(nucc.display(nucc.indexOf("207L00000X"))).isEqualTo("Anesthesiology Physician");
  }

  @Test
  void theParentOfANuccSpecializationIsTheCodeOfItsClassification() {
    CodeSystemRelease nucc = nucc();

    assertThat(parentOf(nucc, "101YM0800X")).isEqualTo("101Y00000X");
    assertThat(parentOf(nucc, "101Y00000X")).isNull();
  }

  @Test
  void aNuccSpecializationWhoseClassificationHasNoCodeIsARoot() {
    assertThat(parentOf(nucc(), "207ZP0105X")).isNull();
  }

  @Test
  void nuccColumnsBecomeProperties() {
    CodeSystemRelease nucc = nucc();

    assertThat(properties(nucc, "101YM0800X")).containsOnly(
        Map.entry("grouping", "Behavioral Health & Social Service Providers"),
        Map.entry("classification", "Counselor"),
        Map.entry("specialization", "Mental Health"),
        Map.entry("definition", "Definition to come..."),
        Map.entry("section", "Individual"));
    assertThat(nucc.definition(nucc.indexOf("101YM0800X"))).isEqualTo("Definition to come...");
    assertThat(properties(nucc, "207L00000X")).doesNotContainKey("specialization").containsKeys("definition", "notes");
    assertThat(nucc.properties()).extracting(PropertyDef::code)
        .containsExactly("grouping", "classification", "specialization", "definition", "notes", "section");
  }

  @Test
  void aNuccFileWithAnotherHeaderIsRejected() {
    Path file = Fixtures.stripped("nucc-taxonomy-mini.csv", dir);
    Fixtures.changeLine(file, 1, h -> h.replace("Display Name", "Name"));

    assertThatThrownBy(() -> CsvReleases.nucc(file, Fixtures.info(NUCC, "25.1")))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(1))
        .hasMessageContaining(file + ":1")
        .hasMessageContaining("expected");
  }

  @Test
  void aNuccRowWithoutDisplayNameFailsNamingTheLine() {
    Path file = Fixtures.stripped("nucc-taxonomy-mini.csv", dir);
    int line = Fixtures.lineStartingWith(file, "101YM0800X");
    Fixtures.changeLine(file, line, l -> l.replace("Mental Health Counselor", ""));

    assertThatThrownBy(() -> CsvReleases.nucc(file, Fixtures.info(NUCC, "25.1")))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageContaining(file + ":" + line)
        .hasMessageContaining("Display Name");
  }

  @Test
  void aNuccRowWithMissingFieldsFailsNamingTheLine() {
    Path file = Fixtures.stripped("nucc-taxonomy-mini.csv", dir);
    int line = Fixtures.lineStartingWith(file, "101YM0800X");
    Fixtures.changeLine(file, line, l -> l.replace(",Individual", ""));

    assertThatThrownBy(() -> CsvReleases.nucc(file, Fixtures.info(NUCC, "25.1")))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageContaining("7 fields where the header has 8");
  }

  @Test
  void everyPlaceOfServiceRowIsAFlatConcept() {
    CodeSystemRelease pos = pos();

    assertThat(pos.size()).isEqualTo(4);
    assertThat(pos.display(pos.indexOf("81"))).isEqualTo("Independent Laboratory");
    assertThat(pos.display(pos.indexOf("06"))).isEqualTo("Indian Health ServiceProvider-based Facility");
    assertThat(pos.definition(pos.indexOf("81"))).startsWith("A laboratory certified to perform diagnostic");
    assertThat(pos.roots()).hasSize(4);
  }

  @Test
  void aPlaceOfServiceRowWithoutDisplayFailsNamingTheLine() {
    Path file = Fixtures.stripped("cms-place-of-service-mini.csv", dir);
    int line = Fixtures.lineStartingWith(file, "81,");
    Fixtures.changeLine(file, line, l -> l.replace("Independent Laboratory", " "));

    assertThatThrownBy(() -> CsvReleases.placeOfService(file, Fixtures.info(POS, "x")))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageContaining(file + ":" + line);
  }

  @Test
  void aDuplicatePlaceOfServiceCodeFailsNamingTheFile() {
    Path file = Fixtures.stripped("cms-place-of-service-mini.csv", dir);
    Fixtures.changeLine(file, Fixtures.lineStartingWith(file, "11,"), l -> "81" + l.substring(2));

    assertThatThrownBy(() -> CsvReleases.placeOfService(file, Fixtures.info(POS, "x")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("duplicate code '81'");
  }
}
