package org.moltx.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.loader.LoadedContent;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.WordIndex;
import org.moltx.store.CodeSystemIndexer;
import org.moltx.store.FallbackSource;
import org.moltx.store.TerminologyStore;

/** Puts loaded content into a store; a licensee's descriptors replace the displays of the authored code system. */
final class StoreAssembler {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoreAssembler.class);

  private StoreAssembler() {}

  static TerminologyStore assemble(LoadedContent content) {
    return assemble(content, FallbackSource.NONE);
  }

  /**
   * A store of the content that consults its FHIR packages, then the fallback, for the canonicals the content does not
   * define; it resolves our systems' OIDs and the aliases the packages' NamingSystems register.
   */
  static TerminologyStore assemble(LoadedContent content, FallbackSource fallback) {
    java.util.Set<String> own = new java.util.HashSet<>();
    content.releases().forEach(r -> own.add(r.url()));
    content.codeSystems().forEach(cs -> own.add(cs.getUrl()));
    content.valueSets().forEach(vs -> own.add(vs.getUrl()));
    PackageFallback packages = PackageFallback.of(content, own, fallback, ServerFactory.fhirContext());
    TerminologyStore.Builder store = TerminologyStore.builder(
        org.moltx.store.ChainedFallback.of(List.of(packages.fallback(), fallback)));
    if (!content.packages().isEmpty()) {
      store.aliases(PackageAliases.of(content.packages(),
          url -> own.contains(url) || packages.codeSystemUrls().contains(url) || fallback.defines(url)));
    }
    packages.conceptMaps().forEach(store::addConceptMap);
    List<CodeSystemRelease> releases = new ArrayList<>(content.releases());
    for (CodeSystemRelease release : content.releases()) {
      store.addCodeSystem(release, null);
    }
    for (CodeSystem cs : content.codeSystems()) {
      if (cs.getContent() == CodeSystem.CodeSystemContentMode.SUPPLEMENT) {
        store.addSupplement(cs);
        continue;
      }
      Map<String, String> overrides = content.displayOverrides().get(cs.getUrl() + "|" + cs.getVersion());
      CodeSystem served = cs;
      if (overrides != null) {
        served = cs.copy();
        served.getConcept().forEach(c -> c.setDisplay(overrides.getOrDefault(c.getCode(), c.getDisplay())));
        // these displays are the official ones now: a display that differs from them is wrong, not a paraphrase
        store.addLicensedDisplays(cs.getUrl(), cs.getVersion(), served.getConcept().stream()
            .map(CodeSystem.ConceptDefinitionComponent::getCode).filter(overrides::containsKey).toList());
      }
      CodeSystemRelease release = CodeSystemIndexer.toRelease(served);
      releases.add(release);
      store.addCodeSystem(release, served);
    }
    for (ValueSet vs : content.valueSets()) {
      store.addValueSet(vs);
    }
    for (ConceptMap cm : content.conceptMaps()) {
      store.addConceptMap(cm);
    }
    // the search indexes of the large releases, built now (side by side), so that no request waits for one; a
    // reload builds the new content's beside the old content's, which serves until the swap
    long start = System.nanoTime();
    List<CodeSystemRelease> large = releases.stream().filter(WordIndex::covers).toList();
    large.parallelStream().forEach(CodeSystemRelease::wordIndex);
    if (!large.isEmpty()) {
      log.info("search indexes of {} large releases built in {} ms", large.size(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return store.build();
  }
}
