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
  /** Where a request keeps the loaded content it reads, shared with its parts (see {@link #shareLoaded}). */
  private static final String LOADED_KEY = RequestContent.class.getName() + ".loaded";

  private RequestContent() {}

  static Parameters body(RequestDetails request) {
    return request.getUserData().get(PARSED_BODY_KEY) instanceof Parameters p ? p : null;
  }

  static TerminologyStore store(RequestDetails request, Terminology terminology) {
    List<Resource> sent = txResources(request);
    ClientCaches.ClientCache cache = clientCache(request);
    if (cache == null) {
      return withResources(loaded(request, terminology), sent);
    }
    // the client's cache first, so that what this request sends wins over what an earlier one left
    List<Resource> extra = new ArrayList<>(cache.resources());
    extra.addAll(sent);
    List<Resource> kept = new ArrayList<>(sent);
    Parameters body = body(request);
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if ((p.getName().equals("valueSet") || p.getName().equals("codeSystem")) && p.getResource() != null) {
          kept.add(p.getResource());
        }
      }
    }
    cache.add(kept, false);
    return withResources(loaded(request, terminology), extra);
  }

  /** The loaded content, read once per request: its parts (a batch's entries) read the same, even across a reload. */
  private static TerminologyStore loaded(RequestDetails request, Terminology terminology) {
    return loadedHolder(request).updateAndGet(read -> read != null ? read : terminology.store());
  }

  /** Makes a part of a request (a batch entry) read the loaded content that the request and its other parts read. */
  static void shareLoaded(RequestDetails request, RequestDetails part) {
    part.getUserData().put(LOADED_KEY, loadedHolder(request));
  }

  /** A holder, not the content itself: a batch's parts are prepared before any of them has read the content. */
  @SuppressWarnings("unchecked")
  private static AtomicReference<TerminologyStore> loadedHolder(RequestDetails request) {
    return (AtomicReference<TerminologyStore>) request.getUserData()
        .computeIfAbsent(LOADED_KEY, k -> new AtomicReference<TerminologyStore>());
  }

  /** The request's tx-resource parameters. */
  static List<Resource> txResources(RequestDetails request) {
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
    return extra;
  }

  /** The client's terminology cache: named by the X-Cache-Id header ($cache-control) or the cache-id parameter. */
  private static ClientCaches.ClientCache clientCache(RequestDetails request) {
    String issued = request.getHeader(ClientCaches.HEADER);
    if (issued != null) {
      return ClientCaches.issued(issued.trim());
    }
    String named = OperationInput.string(request, "cache-id");
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
