package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code [base]/$cache-control} (http://hl7.org/fhir/tools/OperationDefinition/cache-control): a terminology client
 * starts a cache (mode=start, optionally front-loading tx-resources; sealed=false lets later calls add to it), sends
 * its id in the X-Cache-Id header of later calls, checks it (mode=check, which also keeps it alive) and ends it.
 */
public final class CacheControlOperation {
  static final String DEFINITION = "http://hl7.org/fhir/tools/OperationDefinition/cache-control";
  private static final List<OperationContract.Param> PARAMS = List.of(OperationContract.param("mode"),
      OperationContract.param("sealed"));

  @Operation(name = "$cache-control")
  public Parameters cacheControl(RequestDetails request,
      // declared so that HAPI parses the POSTed Parameters (RequestContent reads them, tx-resources included)
      @OperationParam(name = "mode", max = 1) CodeType modeParam,
      @OperationParam(name = "sealed", max = 1) BooleanType sealedParam) {
    ParamSource in = ParamSource.of(request);
    OperationContract.check("$cache-control", PARAMS, in);
    String mode = in.string("mode");
    Parameters out = new Parameters();
    if ("start".equals(mode)) {
      String id = ClientCaches.start(in.flag("sealed", true), in.resources("tx-resource"));
      out.addParameter("cache-id", new StringType(id));
      return out;
    }
    String id = request.getHeader(ClientCaches.HEADER);
    if (mode == null || !(mode.equals("end") || mode.equals("check"))) {
      throw ErrorMapper.invalid("$cache-control: mode must be start, end or check, not " + (mode == null ? "missing"
          : "'" + mode + "'"), "mode");
    }
    if (id == null) {
      throw ErrorMapper.invalid("$cache-control mode=" + mode + " needs the " + ClientCaches.HEADER + " header", "mode");
    }
    if (mode.equals("end")) {
      ClientCaches.end(id.trim());
      return out;
    }
    ClientCaches.ClientCache cache = ClientCaches.issued(id.trim());
    out.addParameter("cache-id", new StringType(id.trim()));
    out.addParameter("resources", new IntegerType(cache.size()));
    out.addParameter("sealed", new BooleanType(cache.sealed()));
    return out;
  }
}
