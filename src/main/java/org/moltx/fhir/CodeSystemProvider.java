package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.moltx.engine.Terminology;
import org.moltx.model.CodeSystemInfo;
import org.moltx.store.TerminologyStore;

/**
 * Read and search of CodeSystems. A search leaves out the concepts of large code systems, with _summary=false too
 * (HAPI's remote terminology support always asks for it, and would otherwise download all of ICD-10-CM to validate
 * one code); such an entry says content not-present, so clients call $validate-code. A read returns it whole.
 */
public final class CodeSystemProvider implements IResourceProvider {
  private final Terminology terminology;

  public CodeSystemProvider(Terminology terminology) {
    this.terminology = terminology;
  }

  @Override
  public Class<CodeSystem> getResourceType() {
    return CodeSystem.class;
  }

  @Read
  public CodeSystem read(@IdParam IdType id) {
    return terminology.store().codeSystemById(id.getIdPart())
        .map(s -> CodeSystemRenderer.render(s, true))
        .orElseThrow(() -> new ResourceNotFoundException(id));
  }

  @Search
  public List<CodeSystem> search(
      @OptionalParam(name = "_id") TokenParam resourceId,
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "system") UriParam system,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "title") StringParam title,
      @OptionalParam(name = "status") TokenParam status) {
    TerminologyStore store = terminology.store();
    // by url (or system, its R4 synonym) through the store's index, which resolves a registered alias (an OID) to
    // the canonical and also reaches the FHIR core terminology it loads on demand; the answer names the canonical
    UriParam canonical = url != null ? url : system;
    return (canonical != null ? store.codeSystemVersions(canonical.getValue()) : store.codeSystems()).stream()
        .filter(s -> {
          CodeSystemInfo i = s.release().info();
          return SearchMatch.token(resourceId, s.id()) && SearchMatch.system(store, url, i.url())
              && SearchMatch.system(store, system, i.url())
              && SearchMatch.token(version, i.version()) && SearchMatch.string(name, i.name())
              && SearchMatch.string(title, i.title()) && SearchMatch.token(status, i.status());
        })
        .map(s -> CodeSystemRenderer.render(s, s.release().size() <= CodeSystemRenderer.SEARCH_CONCEPT_LIMIT))
        .toList();
  }

}
