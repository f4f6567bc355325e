package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.loader.ContentLoader;
import org.moltx.loader.Fixtures;
import org.moltx.loader.LoadedContent;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** A licensee's CPT descriptors (cpt-descriptors-mini.txt) replace the displays of our CPT CodeSystem. */
class StoreAssemblerTest {
  static final String CPT = "http://www.ama-assn.org/go/cpt";

  @TempDir Path folder;

  @BeforeEach
  void contentFolder() throws IOException {
    Files.copy(Path.of("terminology/CodeSystem-cpt.json"), folder.resolve("CodeSystem-cpt.json"));
    Fixtures.stripped("cpt-descriptors-mini.txt", folder.resolve("releases"));
    Files.writeString(folder.resolve("releases/releases.json"), """
        {"releases": [{"format": "cpt-descriptors", "file": "cpt-descriptors-mini.txt",
                       "system": "http://www.ama-assn.org/go/cpt", "version": "2026", "optional": true}]}""");
  }

  private LoadedContent load() {
    return new ContentLoader(FhirContext.forR4Cached()).load(folder);
  }

  private static String authoredDisplay(LoadedContent content, String code) {
    return content.codeSystems().get(0).getConcept().stream()
        .filter(c -> c.getCode().equals(code)).findFirst().orElseThrow().getDisplay();
  }

  @Test
  void aDescriptorReplacesTheDisplayOfItsCode() {
    StoredCodeSystem cpt = StoreAssembler.assemble(load()).codeSystemVersions(CPT).get(0);
    CodeSystemRelease release = cpt.release();

    assertThat(release.display(release.indexOf("81455"))).isEqualTo("TEST DESCRIPTOR 81455: licensed long descriptor");
    assertThat(release.display(release.indexOf("81311"))).isEqualTo("TEST DESCRIPTOR 81311: licensed long descriptor");
    assertThat(concept(cpt.resource(), "81455").getDisplay()).isEqualTo("TEST DESCRIPTOR 81455: licensed long descriptor");
  }

  @Test
  void aCodeWithoutDescriptorKeepsOurDisplay() {
    LoadedContent content = load();
    CodeSystemRelease release = StoreAssembler.assemble(content).codeSystemVersions(CPT).get(0).release();

    assertThat(release.display(release.indexOf("81445"))).isEqualTo(authoredDisplay(content, "81445"));
  }

  @Test
  void theLoadedResourceIsNotChanged() {
    LoadedContent content = load();
    String before = authoredDisplay(content, "81455");

    StoreAssembler.assemble(content);

    assertThat(authoredDisplay(content, "81455")).isEqualTo(before).doesNotStartWith("TEST DESCRIPTOR");
  }

  @Test
  void withoutTheDescriptorFileOurDisplaysAreServed() throws IOException {
    Files.delete(folder.resolve("releases/cpt-descriptors-mini.txt"));
    LoadedContent content = load();
    CodeSystemRelease release = StoreAssembler.assemble(content).codeSystemVersions(CPT).get(0).release();

    assertThat(release.display(release.indexOf("81455"))).isEqualTo(authoredDisplay(content, "81455"));
  }

  private static CodeSystem.ConceptDefinitionComponent concept(CodeSystem cs, String code) {
    return cs.getConcept().stream().filter(c -> c.getCode().equals(code)).findFirst().orElseThrow();
  }
}
