package org.moltx.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * The loaded store never changes once built: it offers no mutator, and an overlay puts a request's resources in
 * front of it without touching it, seeing both.
 */
class TerminologyStoreTest {
  private static final String CS = "http://example.org/cs";
  private static final String OTHER_CS = "http://example.org/other";
  private static final String VS = "http://example.org/vs";
  private static final String CM = "http://example.org/cm";

  private static CodeSystem codeSystem(String url, String version, String id) {
    CodeSystem cs = new CodeSystem().setUrl(url).setVersion(version)
        .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.setId(id);
    cs.addConcept().setCode("a").setDisplay("Alpha");
    return cs;
  }

  private static ValueSet valueSet(String version, String id) {
    ValueSet vs = new ValueSet().setUrl(VS).setVersion(version);
    vs.setId(id);
    return vs;
  }

  private static ConceptMap conceptMap(String version) {
    return new ConceptMap().setUrl(CM).setVersion(version);
  }

  private static CodeSystem supplement() {
    CodeSystem s = new CodeSystem().setUrl("http://example.org/supplement").setVersion("1").setSupplements(CS)
        .setContent(CodeSystem.CodeSystemContentMode.SUPPLEMENT);
    s.addConcept().setCode("a").addDesignation().setLanguage("de").setValue("Alfa");
    return s;
  }

  private static TerminologyStore base() {
    CodeSystem cs = codeSystem(CS, "1", "cs");
    return TerminologyStore.builder()
        .addCodeSystem(CodeSystemIndexer.toRelease(cs), cs)
        .addValueSet(valueSet("1", "vs1"))
        .addConceptMap(conceptMap("1"))
        .build();
  }

  private static TerminologyStore overlayOf(TerminologyStore base) {
    CodeSystem other = codeSystem(OTHER_CS, "1", "other");
    return base.overlay()
        .addCodeSystem(CodeSystemIndexer.toRelease(other), other)
        .addSupplement(supplement())
        .addValueSet(valueSet("2", "vs2"))
        .addConceptMap(conceptMap("2"))
        .build();
  }

  @Test
  void theStoreTypesOfferOnlyReads() {
    Stream<Method> methods = Stream.of(TerminologyStore.class, LoadedStore.class, Overlay.class)
        .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()));

    assertThat(methods).allSatisfy(m -> {
      assertThat(m.getName()).as(m.toString()).doesNotStartWith("add").doesNotStartWith("set");
      assertThat(m.getReturnType()).as(m.toString()).isNotEqualTo(void.class);
    });
  }

  @Test
  void everyFieldOfAStoreIsFinal() {
    // synthetic fields are a coverage agent's, not the store's
    Stream<Field> fields = Stream.of(TerminologyStore.class, LoadedStore.class, Overlay.class, ResourceIndex.class)
        .flatMap(c -> Arrays.stream(c.getDeclaredFields()))
        .filter(f -> !f.isSynthetic());

    assertThat(fields).allSatisfy(f -> assertThat(Modifier.isFinal(f.getModifiers())).as(f.toString()).isTrue());
  }

  @Test
  void theListsAStoreHandsOutCannotBeChanged() {
    TerminologyStore base = base();
    TerminologyStore overlay = overlayOf(base);

    for (TerminologyStore store : List.of(base, overlay)) {
      assertThatThrownBy(() -> store.valueSetVersions(VS).clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> store.codeSystems().clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> store.conceptMapVersions(CM).clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void whatTheBuilderCollectsAfterBuildDoesNotReachTheStore() {
    TerminologyStore.Builder builder = TerminologyStore.builder().addValueSet(valueSet("1", "vs1"));
    TerminologyStore store = builder.build();

    builder.addValueSet(valueSet("2", "vs2")).addConceptMap(conceptMap("1"));

    assertThat(store.valueSetVersions(VS)).extracting(ValueSet::getVersion).containsExactly("1");
    assertThat(store.valueSets()).hasSize(1);
    assertThat(store.conceptMaps()).isEmpty();
  }

  @Test
  void anOverlayLeavesItsBaseAsItWas() {
    TerminologyStore base = base();

    overlayOf(base);

    assertThat(base.codeSystems()).extracting(StoredCodeSystem::id).containsExactly("cs");
    assertThat(base.codeSystemVersions(OTHER_CS)).isEmpty();
    assertThat(base.supplementVersions("http://example.org/supplement")).isEmpty();
    assertThat(base.valueSetVersions(VS)).extracting(ValueSet::getVersion).containsExactly("1");
    assertThat(base.conceptMapVersions(CM)).extracting(i -> i.map().getVersion()).containsExactly("1");
  }

  @Test
  void anOverlaySeesItsOwnResourcesBeforeThoseOfItsBase() {
    TerminologyStore overlay = overlayOf(base());

    assertThat(overlay.codeSystems()).extracting(StoredCodeSystem::id).containsExactly("other", "cs");
    assertThat(overlay.codeSystemVersions(CS)).extracting(s -> s.release().version()).containsExactly("1");
    assertThat(overlay.supplementVersions("http://example.org/supplement")).hasSize(1);
    assertThat(overlay.valueSetVersions(VS)).extracting(ValueSet::getVersion).containsExactly("2", "1");
    assertThat(overlay.conceptMapVersions(CM)).extracting(i -> i.map().getVersion()).containsExactly("2", "1");
    assertThat(overlay.valueSetById("vs1")).isPresent();
    assertThat(overlay.codeSystemById("other")).isPresent();
  }

  @Test
  void anOverlaysVersionHidesTheSameVersionOfItsBase() {
    TerminologyStore overlay = base().overlay().addValueSet(valueSet("1", "mine")).build();

    assertThat(overlay.valueSetVersions(VS)).extracting(v -> v.getIdElement().getIdPart()).containsExactly("mine");
  }

  @Test
  void anOverlayOfAnOverlaySeesAllThree() {
    TerminologyStore top = overlayOf(base()).overlay().addValueSet(valueSet("3", "vs3")).build();

    assertThat(top.valueSetVersions(VS)).extracting(ValueSet::getVersion).containsExactly("3", "2", "1");
    assertThat(top.codeSystems()).extracting(StoredCodeSystem::id).containsExactly("other", "cs");
  }

  @Test
  void supplementsAreFoldedInAnOverlayNotIntoTheBase() {
    TerminologyStore base = base();
    StoredCodeSystem loaded = base.codeSystemVersions(CS).get(0);

    TerminologyStore supplemented = base.withSupplements(List.of(supplement()));

    CodeSystem merged = supplemented.codeSystemVersions(CS).get(0).resource();
    assertThat(merged.getConceptFirstRep().getDesignation()).extracting(d -> d.getValue()).containsExactly("Alfa");
    assertThat(base.codeSystemVersions(CS)).containsExactly(loaded);
    assertThat(loaded.resource().getConceptFirstRep().getDesignation()).isEmpty();
  }
}
