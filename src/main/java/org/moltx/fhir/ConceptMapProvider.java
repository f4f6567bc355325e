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
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.moltx.engine.Terminology;

/** Read and search of ConceptMaps, including by the systems and codes they map. */
public final class ConceptMapProvider implements IResourceProvider {
  private final Terminology terminology;

  public ConceptMapProvider(Terminology terminology) {
    this.terminology = terminology;
  }

  @Override
  public Class<ConceptMap> getResourceType() {
    return ConceptMap.class;
  }

  @Read
  public ConceptMap read(@IdParam IdType id) {
    return terminology.store().conceptMapById(id.getIdPart()).map(i -> i.map().copy())
        .orElseThrow(() -> new ResourceNotFoundException(id));
  }

  @Search
  public List<ConceptMap> search(
      @OptionalParam(name = "_id") TokenParam resourceId,
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "title") StringParam title,
      @OptionalParam(name = "status") TokenParam status,
      @OptionalParam(name = "source-system") UriParam sourceSystem,
      @OptionalParam(name = "target-system") UriParam targetSystem,
      @OptionalParam(name = "source-code") TokenParam sourceCode,
      @OptionalParam(name = "target-code") TokenParam targetCode) {
    return terminology.store().conceptMaps().stream()
        .filter(i -> {
          ConceptMap m = i.map();
          return SearchMatch.token(resourceId, m.getIdElement().getIdPart()) && SearchMatch.uri(url, m.getUrl())
              && SearchMatch.token(version, m.getVersion()) && SearchMatch.string(name, m.getName())
              && SearchMatch.string(title, m.getTitle())
              && SearchMatch.token(status, m.hasStatus() ? m.getStatus().toCode() : null)
              && (sourceSystem == null || i.entries().stream().anyMatch(e -> SearchMatch.uri(sourceSystem, e.sourceSystem())))
              && (targetSystem == null || i.entries().stream().anyMatch(e -> SearchMatch.uri(targetSystem, e.targetSystem())))
              && (sourceCode == null || i.entries().stream().anyMatch(e -> codeMatches(sourceCode, e.sourceSystem(), e.sourceCode())))
              && (targetCode == null || i.entries().stream().anyMatch(e -> codeMatches(targetCode, e.targetSystem(), e.targetCode())));
        })
        .map(i -> i.map().copy())
        .toList();
  }

  /** A token may carry system|code; either part may be absent. */
  private static boolean codeMatches(TokenParam token, String system, String code) {
    return (token.getSystem() == null || token.getSystem().equals(system))
        && (token.getValue() == null || token.getValue().equals(code));
  }

}
