package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.moltx.engine.LookupRequest;
import org.moltx.engine.LookupResult;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;

/** CodeSystem/$lookup (R4), GET and POST. */
public final class LookupOperation {
  static final Set<String> ACCEPTED = Set.of("code", "system", "version", "coding", "date", "displayLanguage", "property",
      "useSupplement");

  private final Terminology terminology;

  public LookupOperation(Terminology terminology) {
    this.terminology = terminology;
  }

  @Operation(name = "$lookup", type = CodeSystem.class, idempotent = true)
  public Parameters lookup(
      RequestDetails request,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "date", max = 1) DateTimeType date,
      @OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
      @OperationParam(name = "property") List<CodeType> property) {
    RequestParameters.requireKnown(request, ACCEPTED, "$lookup");
    CodingInput in = CodingInput.of(code, system, version, coding, "code", "coding");
    LookupRequest req = new LookupRequest(in.system(), in.version(), in.code(), localDate(date),
        Values.string(displayLanguage), property == null ? List.of() : property.stream().map(CodeType::getCode).toList());
    Supplements.Applied supplements = Supplements.apply(RequestContent.store(request, terminology),
        OperationInput.strings(request, "useSupplement"), null);
    LookupResult result = terminology.lookup(supplements.store(), req);
    return ParametersRenderer.lookup(result, supplements.usedBy(List.of(result.release().url())));
  }

  static LocalDate localDate(DateTimeType date) {
    if (date == null || date.getValue() == null) {
      return null;
    }
    return date.getValue().toInstant().atZone(date.getTimeZone() == null ? ZoneId.systemDefault() : date.getTimeZone().toZoneId())
        .toLocalDate();
  }
}
