package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.model.CodeSystemRelease;

/** A content folder whose releases/releases.json lists the mini fixtures. */
class ContentLoaderTest {
  static final FhirContext FHIR = FhirContext.forR4Cached();

  static final String ICD_2026 = """
      {"format": "icd10cm-order", "file": "icd10cm-order-mini.txt", "system": "http://hl7.org/fhir/sid/icd-10-cm",
       "version": "2026", "effectiveFrom": "2025-10-01", "effectiveTo": "2026-09-30"}""";
  static final String ICD_2027 = """
      {"format": "icd10cm-order-addenda", "file": "icd10cm-order-addenda-mini.txt", "base": "2026",
       "system": "http://hl7.org/fhir/sid/icd-10-cm", "version": "2027"}""";
  static final String NUCC = """
      {"format": "nucc-csv", "file": "nucc-taxonomy-mini.csv", "system": "http://nucc.org/provider-taxonomy", "version": "25.1"}""";
  static final String POS = """
      {"format": "cms-pos-csv", "file": "cms-place-of-service-mini.csv", "system": "urn:test:pos", "version": "1"}""";
  static final String CPT = """
      {"format": "cpt-descriptors", "file": "cpt-descriptors-mini.txt", "system": "http://www.ama-assn.org/go/cpt",
       "version": "2026", "optional": true}""";

  @TempDir Path folder;
  Path manifest;

  @BeforeEach
  void copyFixtures() {
    Path releases = folder.resolve("releases");
    for (String f : new String[] {"icd10cm-order-mini.txt", "icd10cm-order-addenda-mini.txt", "nucc-taxonomy-mini.csv",
        "cms-place-of-service-mini.csv", "cpt-descriptors-mini.txt"}) {
      Fixtures.stripped(f, releases);
    }
    manifest = releases.resolve("releases.json");
  }

  private LoadedContent load(String... releases) throws IOException {
    Files.writeString(manifest, "{\"releases\": [" + String.join(",\n", releases) + "]}");
    return new ContentLoader(FHIR).load(folder);
  }

  @Test
  void everyReleaseTheManifestListsIsLoadedAsThatSystemAndVersion() throws IOException {
    LoadedContent content = load(ICD_2026, ICD_2027, NUCC, POS, CPT);

    assertThat(content.releases()).extracting(CodeSystemRelease::url, CodeSystemRelease::version).containsExactly(
        Tuple.tuple("http://hl7.org/fhir/sid/icd-10-cm", "2026"),
        Tuple.tuple("http://hl7.org/fhir/sid/icd-10-cm", "2027"),
        Tuple.tuple("http://nucc.org/provider-taxonomy", "25.1"),
        Tuple.tuple("urn:test:pos", "1"));
    assertThat(content.releases().get(0).info().effectiveTo()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(content.displayOverrides()).containsOnlyKeys("http://www.ama-assn.org/go/cpt|2026");
  }

  @Test
  void theAddendaReleaseIsTheBaseReleaseWithTheChangesApplied() throws IOException {
    LoadedContent content = load(ICD_2026, ICD_2027);
    CodeSystemRelease y2026 = content.releases().get(0);
    CodeSystemRelease y2027 = content.releases().get(1);

    assertThat(y2026.indexOf("C78.31")).isNegative();
    assertThat(y2027.indexOf("C78.31")).isNotNegative();
    assertThat(y2026.indexOf("S23.420A")).isNotNegative();
    assertThat(y2027.indexOf("S23.420A")).isNegative();
    assertThat(y2026.isAbstract(y2026.indexOf("D69.1"))).isFalse();
    assertThat(y2027.isAbstract(y2027.indexOf("D69.1"))).isTrue();
    assertThat(y2027.code(y2027.parent(y2027.indexOf("E08.37X1")))).isEqualTo("E08.37");
  }

  @Test
  void anAddendaListedBeforeItsBaseFailsTheLoad() {
    assertThatThrownBy(() -> load(ICD_2027, ICD_2026))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("releases.json")
        .hasMessageContaining("icd10cm-order-addenda-mini.txt")
        .hasMessageContaining("not listed before it");
  }

  @Test
  void anUnknownFormatFailsTheLoadNamingTheManifest() {
    String unknown = NUCC.replace("nucc-csv", "nucc-xlsx");

    assertThatThrownBy(() -> load(unknown))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("releases.json")
        .hasMessageContaining("unknown release format 'nucc-xlsx'");
  }

  @Test
  void aMissingReleaseFileFailsTheLoadNamingTheManifestAndTheFile() throws IOException {
    Files.delete(folder.resolve("releases/nucc-taxonomy-mini.csv"));

    assertThatThrownBy(() -> load(NUCC))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.file()).isEqualTo(manifest.toString()))
        .hasMessageContaining("release file nucc-taxonomy-mini.csv does not exist");
  }

  @Test
  void aMissingOptionalReleaseFileIsSkipped() throws IOException {
    Files.delete(folder.resolve("releases/cpt-descriptors-mini.txt"));

    LoadedContent content = load(NUCC, CPT);

    assertThat(content.releases()).hasSize(1);
    assertThat(content.displayOverrides()).isEmpty();
  }

  @Test
  void anUnknownFieldInTheManifestFailsTheLoadNamingTheManifest() {
    String misspelt = NUCC.replace("\"version\"", "\"versoin\": \"25.1\", \"version\"");

    assertThatThrownBy(() -> load(misspelt))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.file()).isEqualTo(manifest.toString()))
        .hasMessageContaining("versoin");
  }

  @Test
  void aReleaseWithoutARequiredFieldFailsTheLoadNamingTheManifest() {
    String noSystem = NUCC.replace("\"system\": \"http://nucc.org/provider-taxonomy\", ", "");

    assertThatThrownBy(() -> load(noSystem))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.file()).isEqualTo(manifest.toString()))
        .hasMessageContaining("system");
  }

  @Test
  void aFolderWithoutAManifestHasNoReleases() {
    LoadedContent content = new ContentLoader(FHIR).load(folder);

    assertThat(content.releases()).isEmpty();
    assertThat(content.codeSystems()).isEmpty();
  }
}
