package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.Terminology;
import org.moltx.store.CodeSystemIndexer;
import org.moltx.store.Overlay;
import org.moltx.store.TerminologyStore;

/**
 * The content one request sees: the loaded store, with the request's {@code tx-resource} CodeSystems, ValueSets and
 * ConceptMaps in front of it, and before those what the client left in its terminology cache (ClientCaches), if it
 * names one. Without a cache they are used for that request only.
 */
final class RequestContent {
  /** Where HAPI keeps the parsed POST body of an operation (OperationParameter.REQUEST_CONTENTS_USERDATA_KEY). */
  static final String PARSED_BODY_KEY = OperationParam.class.getName() + "_PARSED_RESOURCE";
  /** Where a request keeps the loaded content it reads, shared with its parts (a batch's entries). */
  private static final String LOADED_KEY = RequestContent.class.getName() + ".loaded";

  private RequestContent() {}

  static Parameters body(RequestDetails request) {
    return request.getUserData().get(PARSED_BODY_KEY) instanceof Parameters p ? p : null;
  }

  static TerminologyStore store(ParamSource in, Terminology terminology) {
    List<Resource> sent = in.resources("tx-resource");
    ClientCaches.ClientCache cache = clientCache(in);
    if (cache == null) {
      return withResources(in.loaded(terminology), sent);
    }
    // the client's cache first, so that what this request sends wins over what an earlier one left
    List<Resource> extra = new ArrayList<>(cache.resources());
    extra.addAll(sent);
    List<Resource> kept = new ArrayList<>(sent);
    Parameters body = in.body();
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if ((p.getName().equals("valueSet") || p.getName().equals("codeSystem")) && p.getResource() != null) {
          kept.add(p.getResource());
        }
      }
    }
    cache.add(kept, false);
    return withResources(in.loaded(terminology), extra);
  }

  /** The loaded content a request reads, kept with it so that its parts (a batch's entries) read the same. */
  @SuppressWarnings("unchecked")
  static AtomicReference<TerminologyStore> loadedHolder(RequestDetails request) {
    return (AtomicReference<TerminologyStore>) request.getUserData()
        .computeIfAbsent(LOADED_KEY, k -> new AtomicReference<TerminologyStore>());
  }

  /** The client's terminology cache: named by the X-Cache-Id header ($cache-control) or the cache-id parameter. */
  private static ClientCaches.ClientCache clientCache(ParamSource in) {
    String issued = in.header(ClientCaches.HEADER);
    if (issued != null) {
      return ClientCaches.issued(issued.trim());
    }
    String named = in.string("cache-id");
    return named == null ? null : ClientCaches.named(named);
  }

  static TerminologyStore withResources(TerminologyStore base, List<? extends Resource> resources) {
    if (resources.isEmpty()) {
      return base;
    }
    Overlay.Builder overlay = base.overlay();
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
    return overlay.build();
  }
}
