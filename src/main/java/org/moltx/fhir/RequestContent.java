package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.Terminology;
import org.moltx.store.CodeSystemIndexer;
import org.moltx.store.TerminologyStore;

/**
 * The content one request sees: the loaded store, with any {@code tx-resource} CodeSystems and ValueSets of the
 * request in front of it. Those are used for that request only and never stored.
 */
final class RequestContent {
  /** Where HAPI keeps the parsed POST body of an operation (OperationParameter.REQUEST_CONTENTS_USERDATA_KEY). */
  static final String PARSED_BODY_KEY = OperationParam.class.getName() + "_PARSED_RESOURCE";

  private RequestContent() {}

  static Parameters body(RequestDetails request) {
    return request.getUserData().get(PARSED_BODY_KEY) instanceof Parameters p ? p : null;
  }

  static TerminologyStore store(RequestDetails request, Terminology terminology) {
    List<Resource> extra = new ArrayList<>();
    Parameters body = body(request);
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (p.getName().equals("tx-resource")) {
          if (p.getResource() == null) {
            throw ErrorMapper.invalid("tx-resource must carry a resource", "tx-resource");
          }
          extra.add((Resource) p.getResource());
        }
      }
    }
    return withResources(terminology.store(), extra);
  }

  static TerminologyStore withResources(TerminologyStore base, List<? extends Resource> resources) {
    if (resources.isEmpty()) {
      return base;
    }
    TerminologyStore overlay = base.overlay();
    for (Resource r : resources) {
      if (r instanceof CodeSystem cs && cs.getContent() == CodeSystem.CodeSystemContentMode.SUPPLEMENT) {
        overlay.addSupplement(cs);
      } else if (r instanceof CodeSystem cs) {
        try {
          overlay.addCodeSystem(CodeSystemIndexer.toRelease(cs), cs);
        } catch (IllegalArgumentException e) {
          throw ErrorMapper.invalid("CodeSystem " + cs.getUrl() + " cannot be used: " + e.getMessage(), "tx-resource");
        }
      } else if (r instanceof ValueSet vs) {
        overlay.addValueSet(vs);
      } else if (r instanceof org.hl7.fhir.r4.model.ConceptMap cm) {
        overlay.addConceptMap(cm);
      }
    }
    return overlay;
  }
}
