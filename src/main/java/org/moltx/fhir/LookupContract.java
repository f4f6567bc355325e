package org.moltx.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.moltx.engine.LookupRequest;
import org.moltx.engine.LookupResult;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;

/** CodeSystem/$lookup (R4). */
final class LookupContract extends OperationContract {
  LookupContract() {
    super("CodeSystem", "$lookup", List.of(param("code"), param("system"), param("version"), param("coding", Kind.CODING),
        param("date"), param("displayLanguage"), param("property").repeating(), param("useSupplement").repeating()));
  }

  /** usedSupplements: url|version of each supplement the answer drew on. */
  record LookupAnswer(LookupResult result, List<String> usedSupplements) implements Answer {
    @Override
    public void write(FhirJson out, String diagnostics) {
      AnswerWriter.lookup(out, result, usedSupplements, diagnostics);
    }
  }

  @Override
  LookupAnswer answer(ParamSource in, String id, Terminology terminology) {
    CodingInput c = CodingInput.of(in.string("code"), in.string("system"), in.string("version"),
        in.value("coding", Coding.class), "code", "coding");
    LookupRequest req = new LookupRequest(c.system(), c.version(), c.code(), Dates.localDate(in, "date"),
        in.string("displayLanguage"), in.strings("property"));
    Supplements.Applied supplements = Supplements.apply(RequestContent.store(in, terminology),
        in.strings("useSupplement"), null);
    LookupResult result = terminology.lookup(supplements.store(), req);
    return new LookupAnswer(result, supplements.usedBy(List.of(result.release().url())));
  }
}
