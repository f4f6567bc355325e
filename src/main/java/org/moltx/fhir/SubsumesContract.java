package org.moltx.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.moltx.engine.Terminology;

/** CodeSystem/$subsumes (R4): how codeA relates to codeB in their code system's hierarchy. */
final class SubsumesContract extends OperationContract {
  SubsumesContract() {
    super("CodeSystem", "$subsumes", List.of(param("codeA"), param("codeB"), param("system"), param("version"),
        param("codingA", Kind.CODING), param("codingB", Kind.CODING)));
  }

  record SubsumesAnswer(String outcome) implements Answer {
    @Override
    public void write(FhirJson out, String diagnostics) {
      AnswerWriter.subsumes(out, outcome, diagnostics);
    }
  }

  @Override
  SubsumesAnswer answer(ParamSource in, String id, Terminology terminology) {
    CodingInput a = CodingInput.of(in.string("codeA"), in.string("system"), in.string("version"),
        in.value("codingA", Coding.class), "codeA", "codingA");
    CodingInput b = CodingInput.of(in.string("codeB"), in.string("system"), in.string("version"),
        in.value("codingB", Coding.class), "codeB", "codingB");
    if (a.system() != null && b.system() != null && !a.system().equals(b.system())) {
      throw ErrorMapper.invalid("codingA and codingB are from different code systems", "codingB");
    }
    return new SubsumesAnswer(terminology.subsumes(RequestContent.store(in, terminology),
        a.system() != null ? a.system() : b.system(), a.version() != null ? a.version() : b.version(), a.code(),
        b.code()));
  }
}
