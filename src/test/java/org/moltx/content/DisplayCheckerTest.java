package org.moltx.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.model.CodeSystemRelease;

/** The display check fails where it should: on the seed's label for C92.41. */
class DisplayCheckerTest {
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String SEED_LABEL = "Chronic lymphocytic leukemia of B-cell, not in remission";

  @Test
  void theSeedsLabelForC9241IsReportedWithTheFileTheCodeTheWrongAndTheRightText() {
    AuthoredContent content = AuthoredContent.get();
    ValueSet seeded = new ValueSet();
    seeded.getCompose().addInclude().setSystem(ICD10CM).addConcept().setCode("C92.41").setDisplay(SEED_LABEL);
    CodeSystemRelease icd = content.reference.release(ICD10CM);
    String official = icd.display(icd.indexOf("C92.41"));

    List<String> mismatches = new DisplayChecker(content.reference).mismatches(CodeUses.in("ValueSet-seeded.json", seeded));

    assertThat(official).isNotEqualTo(SEED_LABEL);
    assertThat(mismatches).singleElement().asString()
        .contains("ValueSet-seeded.json", "C92.41", "\"" + SEED_LABEL + "\"", "\"" + official + "\"");
  }

  @Test
  void aCodeTheReleaseDoesNotHoldIsReported() {
    ValueSet seeded = new ValueSet();
    seeded.getCompose().addInclude().setSystem(ICD10CM).addConcept().setCode("C92.4X").setDisplay("anything");

    List<String> mismatches = new DisplayChecker(AuthoredContent.get().reference)
        .mismatches(CodeUses.in("ValueSet-seeded.json", seeded));

    assertThat(mismatches).singleElement().asString().contains("ValueSet-seeded.json", "C92.4X", "is not a code of");
  }

  @Test
  void theOfficialDisplayPasses() {
    AuthoredContent content = AuthoredContent.get();
    CodeSystemRelease icd = content.reference.release(ICD10CM);
    ValueSet good = new ValueSet();
    good.getCompose().addInclude().setSystem(ICD10CM).addConcept().setCode("C92.41")
        .setDisplay(icd.display(icd.indexOf("C92.41")));

    assertThat(new DisplayChecker(content.reference).mismatches(CodeUses.in("ValueSet-good.json", good))).isEmpty();
  }
}
