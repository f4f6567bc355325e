package org.moltx.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * {@code diagnostics=true} on a terminology operation: the answer carries a {@code diagnostics} text saying how
 * moltx read the request and what content answered it (an output parameter of Parameters answers, an
 * expansion.parameter of an expansion), as the HL7 terminology ecosystem's servers do for the validator's logs.
 */
final class DiagnosticsInterceptor {
  private static final String STARTED = DiagnosticsInterceptor.class.getName() + ".started";

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void started(RequestDetails request) {
    request.getUserData().put(STARTED, System.nanoTime());
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean outgoing(RequestDetails request, ResponseDetails response) {
    if (request.getOperation() == null || !OperationInput.flag(request, "diagnostics", false)) {
      return true;
    }
    if (response.getResponseResource() instanceof Parameters p) {
      p.addParameter("diagnostics", new StringType(text(request, Set.of())));
    } else if (response.getResponseResource() instanceof ValueSet vs && vs.hasExpansion()) {
      Set<String> used = new LinkedHashSet<>();
      vs.getExpansion().getParameter().stream().filter(x -> x.getName().equals("used-codesystem"))
          .forEach(x -> used.add(x.getValue().primitiveValue()));
      vs.getExpansion().addParameter().setName("diagnostics").setValue(new StringType(text(request, used)));
    }
    return true;
  }

  private static String text(RequestDetails request, Set<String> used) {
    StringBuilder out = new StringBuilder("moltx ").append(Software.VERSION).append(": ")
        .append(request.getRequestType()).append(' ')
        .append(request.getResourceName() == null ? "" : request.getResourceName() + "/").append(request.getOperation());
    Set<String> names = new LinkedHashSet<>(request.getParameters().keySet());
    Parameters body = RequestContent.body(request);
    if (body != null) {
      body.getParameter().forEach(p -> names.add(p.getName()));
    }
    out.append("; parameters: ").append(String.join(", ", names));
    long sent = RequestContent.txResources(request).size();
    if (sent > 0) {
      out.append("; tx-resources: ").append(sent);
    }
    String cache = request.getHeader(ClientCaches.HEADER) != null ? request.getHeader(ClientCaches.HEADER)
        : OperationInput.string(request, "cache-id");
    if (cache != null) {
      out.append("; client terminology cache: ").append(cache);
    }
    String profile = OperationInput.string(request, "profile-url");
    if (profile != null) {
      out.append("; profile-url ").append(profile).append(" names a client's parameter set; moltx holds no expansion "
          + "profiles, so it changes nothing");
    }
    if (!used.isEmpty()) {
      out.append("; code systems used: ").append(String.join(", ", used));
    }
    Object started = request.getUserData().get(STARTED);
    if (started instanceof Long t) {
      out.append(String.format(Locale.ROOT, "; answered in %.1f ms", (System.nanoTime() - t) / 1e6));
    }
    return out.toString();
  }
}
