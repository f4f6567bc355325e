package org.moltx.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.moltx.engine.Terminology;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/**
 * {@code GET /metadata?mode=terminology}: HAPI's @Metadata can only return a CapabilityStatement, so this
 * interceptor answers the terminology mode with a TerminologyCapabilities listing every code system and version.
 */
public final class TerminologyCapabilitiesInterceptor {
  /**
   * What $expand takes, from its contract: every supported parameter but the three that name the value set, and
   * tx-resource and cache-id (resources kept between calls, ClientCaches), which the HL7 ecosystem asks a server to
   * list here.
   */
  static List<String> expansionParameters() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(OperationPipeline.EXPAND.supported());
    names.removeAll(List.of("url", "valueSet", "valueSetVersion"));
    names.addAll(List.of("tx-resource", "cache-id"));
    return List.copyOf(names);
  }

  private final Terminology terminology;

  public TerminologyCapabilitiesInterceptor(Terminology terminology) {
    this.terminology = terminology;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean answerTerminologyMode(RequestDetails request, HttpServletRequest servletRequest,
      HttpServletResponse servletResponse) throws IOException {
    if (request.getRestOperationType() != RestOperationTypeEnum.METADATA
        || !"terminology".equals(servletRequest.getParameter("mode"))) {
      return true;
    }
    RestfulServerUtils.streamResponseAsResource(request.getServer(), capabilities(), java.util.Set.of(), 200, false,
        false, request, null, null);
    return false;
  }

  TerminologyCapabilities capabilities() {
    TerminologyCapabilities tc = new TerminologyCapabilities();
    tc.setUrl("http://moltx.org/fhir/TerminologyCapabilities/moltx").setVersion(Software.VERSION)
        .setName("MoltxTerminologyCapabilities").setTitle("moltx terminology capabilities")
        .setStatus(PublicationStatus.ACTIVE).setDate(new Date())
        .setKind(TerminologyCapabilities.CapabilityStatementKind.INSTANCE);
    tc.getSoftware().setName("moltx").setVersion(Software.VERSION);
    Map<String, TerminologyCapabilities.TerminologyCapabilitiesCodeSystemComponent> bySystem = new LinkedHashMap<>();
    TerminologyStore store = terminology.store(); // one content for the whole answer, even across a reload
    for (StoredCodeSystem s : store.codeSystems()) {
      CodeSystemRelease r = s.release();
      var cs = bySystem.computeIfAbsent(r.url(), u -> tc.addCodeSystem().setUri(u));
      cs.addVersion().setCode(r.version()).setIsDefault(
          store.codeSystemVersions(r.url()).get(0).release() == r);
    }
    // the packages' code systems, from their index (not parsed for this): each url's newest version is its default
    Map<String, List<org.moltx.model.Canonical>> fromPackages = new LinkedHashMap<>();
    for (org.moltx.model.Canonical c : store.fallbackCodeSystems()) {
      if (!bySystem.containsKey(c.url())) {
        fromPackages.computeIfAbsent(c.url(), u -> new java.util.ArrayList<>()).add(c);
      }
    }
    fromPackages.forEach((url, versions) -> {
      var cs = tc.addCodeSystem().setUri(url);
      String newest = versions.stream().map(org.moltx.model.Canonical::version)
          .max(java.util.Comparator.nullsFirst(org.moltx.store.Versions.ORDER)).orElse(null);
      versions.forEach(v -> cs.addVersion().setCode(v.version())
          .setIsDefault(java.util.Objects.equals(v.version(), newest)));
    });
    expansionParameters().forEach(p -> tc.getExpansion().addParameter().setName(p));
    // incomplete: with incomplete-ok (or _incomplete) an expansion over the size limit comes cut, marked unclosed;
    // hierarchical: a code system's hierarchy nests in contains.contains (unless excludeNested, or paged)
    tc.getExpansion().setPaging(true).setHierarchical(true).setIncomplete(true);
    tc.getValidateCode().setTranslations(false);
    tc.getTranslation().setNeedsMap(false);
    return tc;
  }
}
