package org.moltx.fhir;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code diagnostics=true}: the text an answer carries saying how moltx read the request and what answered it (an
 * output parameter of Parameters answers, an expansion.parameter of an expansion), as the HL7 terminology
 * ecosystem's servers give the validator for its logs.
 */
final class Diagnostics {
  private Diagnostics() {}

  static String text(OperationPipeline.Route route, ParamSource in, String method, OperationContract.Answer answer,
      long startedNanos) {
    OperationContract c = route.contract();
    StringBuilder out = new StringBuilder("moltx ").append(Software.VERSION).append(": ").append(method).append(' ')
        .append(c.resourceType()).append('/').append(route.id() == null ? "" : route.id() + "/").append(c.operation());
    Set<String> names = new LinkedHashSet<>(in.counts().keySet());
    out.append("; parameters: ").append(String.join(", ", names));
    int sent = in.resources("tx-resource").size();
    if (sent > 0) {
      out.append("; tx-resources: ").append(sent);
    }
    String cache = in.header(ClientCaches.HEADER) != null ? in.header(ClientCaches.HEADER) : in.string("cache-id");
    if (cache != null) {
      out.append("; client terminology cache: ").append(cache);
    }
    String profile = in.string("profile-url");
    if (profile != null) {
      out.append("; profile-url ").append(profile).append(" names a client's parameter set; moltx holds no expansion "
          + "profiles, so it changes nothing");
    }
    if (answer instanceof ExpandContract.ExpandAnswer expand && !expand.result().usedCodeSystems().isEmpty()) {
      out.append("; code systems used: ").append(String.join(", ", expand.result().usedCodeSystems()));
    }
    out.append(String.format(Locale.ROOT, "; answered in %.1f ms", (System.nanoTime() - startedNanos) / 1e6));
    return out.toString();
  }
}
