package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moltx.model.CodeSystemRelease;

/**
 * The default content folder with the official release files. The expected numbers are those of the files
 * (terminology/releases/PROVENANCE.md): 98,186 order-file lines in FY2026; FY2027 adds 190 + 63 and deletes
 * 30 + 6 lines, with 74,879 codes according to the addenda trailer.
 */
class DefaultContentTest {
  static LoadedContent content;

  @BeforeAll
  static void load() {
    content = new ContentLoader(FhirContext.forR4Cached()).load(Path.of("terminology"));
  }

  static CodeSystemRelease release(String url, String version) {
    return content.releases().stream()
        .filter(r -> r.url().equals(url) && r.version().equals(version))
        .findFirst().orElseThrow(() -> new AssertionError("no release " + url + "|" + version));
  }

  static CodeSystemRelease icd(String year) {
    return release(Icd10CmReleases.SYSTEM, year);
  }

  @Test
  void icd10cm2026HoldsEveryLineOfTheOrderFile() {
    assertThat(icd("2026").size()).isEqualTo(98_186);
  }

  @Test
  void icd10cm2027HoldsThe2026CodesWithTheAddendaApplied() {
    assertThat(icd("2027").size()).isEqualTo(98_186 + 190 + 63 - 30 - 6).isEqualTo(98_403);
  }

  @Test
  void icd10cm2027Has74879BillableCodes() {
    CodeSystemRelease y2027 = icd("2027");

    assertThat(IntStream.range(0, y2027.size()).filter(i -> !y2027.isAbstract(i)).count()).isEqualTo(74_879);
  }

  @Test
  void c7831IsOnlyIn2027() {
    assertThat(icd("2026").indexOf("C78.31")).isNegative();
    assertThat(icd("2027").indexOf("C78.31")).isNotNegative();
  }

  @Test
  void s23420aIsOnlyIn2026() {
    assertThat(icd("2026").indexOf("S23.420A")).isNotNegative();
    assertThat(icd("2027").indexOf("S23.420A")).isNegative();
  }

  @Test
  void c9201IsAcuteMyeloblasticLeukemiaInRemissionBelowC920BelowC92() {
    for (String year : new String[] {"2026", "2027"}) {
      CodeSystemRelease icd = icd(year);
      int c9201 = icd.indexOf("C92.01");

      assertThat(icd.display(c9201)).as(year).isEqualTo("Acute myeloblastic leukemia, in remission");
      int c920 = icd.parent(c9201);
      assertThat(icd.code(c920)).as(year).isEqualTo("C92.0");
      assertThat(icd.code(icd.parent(c920))).as(year).isEqualTo("C92");
    }
  }

  @Test
  void nuccHas883Concepts() {
    assertThat(release("http://nucc.org/provider-taxonomy", "25.1").size()).isEqualTo(883);
  }

  @Test
  void placeOfServiceHas52Concepts() {
    assertThat(release("https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
        "2024-05-02").size()).isEqualTo(52);
  }
}
