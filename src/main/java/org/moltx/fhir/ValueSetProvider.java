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
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.Terminology;
import org.moltx.store.TerminologyStore;

/** Read and search of ValueSets. */
public final class ValueSetProvider implements IResourceProvider {
  private final Terminology terminology;

  public ValueSetProvider(Terminology terminology) {
    this.terminology = terminology;
  }

  @Override
  public Class<ValueSet> getResourceType() {
    return ValueSet.class;
  }

  @Read
  public ValueSet read(@IdParam IdType id) {
    return terminology.store().valueSetById(id.getIdPart()).map(ValueSet::copy)
        .orElseThrow(() -> new ResourceNotFoundException(id));
  }

  @Search
  public List<ValueSet> search(
      @OptionalParam(name = "_id") TokenParam resourceId,
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "title") StringParam title,
      @OptionalParam(name = "status") TokenParam status) {
    TerminologyStore store = terminology.store();
    // by url through the store's index, which also reaches the FHIR core terminology it loads on demand
    return (url != null ? store.valueSetVersions(url.getValue()) : store.valueSets()).stream()
        .filter(v -> SearchMatch.token(resourceId, v.getIdElement().getIdPart()) && SearchMatch.uri(url, v.getUrl())
            && SearchMatch.token(version, v.getVersion()) && SearchMatch.string(name, v.getName())
            && SearchMatch.string(title, v.getTitle())
            && SearchMatch.token(status, v.hasStatus() ? v.getStatus().toCode() : null))
        .map(ValueSet::copy)
        .toList();
  }
}
