package org.moltx.fhir;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.moltx.engine.LookupResult;
import org.moltx.engine.ResultProperty;
import org.moltx.engine.TranslateMatch;
import org.moltx.engine.TranslateResult;
import org.moltx.engine.ValidateResult;
import org.moltx.engine.ValidationIssue;
import org.moltx.model.CodingValue;
import org.moltx.model.Designation;

/**
 * Writes the output Parameters of $lookup, $validate-code, $translate and $subsumes from the engine's results, in
 * the element order HAPI uses, straight to JSON: the one renderer of each answer.
 */
final class AnswerWriter {
  /** Extension on a $translate match that borrowed its mapping from an ancestor of the requested code. */
  static final String VIA_ANCESTOR_EXTENSION = "http://moltx.org/fhir/StructureDefinition/translate-via-ancestor";

  private AnswerWriter() {}

  /** usedSupplements: url|version of each supplement the answer drew on. */
  static void lookup(FhirJson out, LookupResult r, List<String> usedSupplements, String diagnostics) {
    out.startResource("Parameters").startArray("parameter");
    for (String used : usedSupplements) {
      out.parameter("used-supplement", "valueCanonical", used);
    }
    out.parameter("code", "valueCode", r.code());
    out.parameter("system", "valueUri", r.release().url());
    out.parameter("name", "valueString", r.systemName());
    if (r.release().version() != null) {
      out.parameter("version", "valueString", r.release().version());
    }
    if (r.display() != null) {
      out.parameter("display", "valueString", r.display());
    }
    if (r.definition() != null) {
      out.parameter("definition", "valueString", r.definition());
    }
    out.parameter("abstract", r.isAbstract());
    for (Designation d : r.designations()) {
      out.startObject().string("name", "designation").startArray("part");
      if (d.language() != null) {
        out.parameter("language", "valueCode", d.language());
      }
      if (d.use() != null) {
        out.startObject().string("name", "use").coding("valueCoding", d.use()).end();
      }
      if (d.source() != null) {
        out.parameter("source", "valueCanonical", d.source());
      }
      out.parameter("value", "valueString", d.value());
      out.endArray().end();
    }
    for (ResultProperty prop : r.properties()) {
      out.startObject().string("name", "property").startArray("part");
      out.parameter("code", "valueCode", prop.code());
      out.startObject().string("name", "value");
      propertyValue(out, prop);
      out.end();
      if (prop.description() != null) {
        out.parameter("description", "valueString", prop.description());
      }
      out.endArray().end();
    }
    diagnostics(out, diagnostics);
    out.endArray().end();
  }

  /** A property's value, as the one converter (PropertyValues) types it: valueDateTime for a dateTime, everywhere. */
  static void propertyValue(FhirJson out, ResultProperty prop) {
    String name = PropertyValues.jsonName(prop);
    Object v = PropertyValues.jsonValue(prop);
    if (v instanceof CodingValue c) {
      out.coding(name, c);
    } else if (v instanceof Boolean b) {
      out.bool(name, b);
    } else if (v instanceof Integer n) {
      out.integer(name, n);
    } else if (v instanceof BigDecimal d) {
      out.decimal(name, d);
    } else {
      out.string(name, (String) v);
    }
  }

  /**
   * reverseInput: for an R5 reverse request (targetCode), the coding asked about: each match then names it as
   * {@code concept} and what maps to it as {@code source}, as the R5 operation does.
   */
  static void translate(FhirJson out, TranslateResult r, CodingValue reverseInput, String diagnostics) {
    out.startResource("Parameters").startArray("parameter");
    out.parameter("result", r.result());
    if (r.message() != null) {
      out.parameter("message", "valueString", r.message());
    }
    for (TranslateMatch m : r.matches()) {
      out.startObject();
      if (m.via() != null) {
        out.startArray("extension").startObject().string("url", VIA_ANCESTOR_EXTENSION).coding("valueCoding", m.via())
            .end().endArray();
      }
      out.string("name", "match").startArray("part");
      out.parameter("equivalence", "valueCode", m.equivalence());
      String relationship = RELATIONSHIPS.get(m.equivalence());
      if (relationship != null) {
        out.parameter("relationship", "valueCode", relationship);
      }
      if (reverseInput != null) {
        out.startObject().string("name", "concept").coding("valueCoding", reverseInput).end();
        if (m.concept() != null) {
          out.startObject().string("name", "source").coding("valueCoding", m.concept()).end();
        }
      } else if (m.concept() != null) {
        out.startObject().string("name", "concept").coding("valueCoding", m.concept()).end();
      }
      // the map the match comes from: originMap, as the terminology ecosystem names it in R4 as in R5
      out.parameter("originMap", "valueCanonical", m.source());
      out.endArray().end();
    }
    diagnostics(out, diagnostics);
    out.endArray().end();
  }

  /** R4 ConceptMap equivalence to the R5 relationship (FHIR R5 ConceptMap conversion table). */
  private static final Map<String, String> RELATIONSHIPS = Map.of(
      "relatedto", "related-to", "equivalent", "equivalent", "equal", "equivalent", "wider",
      "source-is-narrower-than-target", "subsumes", "source-is-narrower-than-target", "narrower",
      "source-is-broader-than-target", "specializes", "source-is-broader-than-target", "inexact", "related-to",
      "unmatched", "not-related-to", "disjoint", "not-related-to");

  /** codeableConcept: the one the request validated, echoed as the ecosystem does (null for a code or coding). */
  static void validation(FhirJson out, ValidateResult r, CodeableConcept codeableConcept, String diagnostics) {
    out.startResource("Parameters").startArray("parameter");
    if (r.code() != null) {
      out.parameter("code", "valueCode", r.code());
    }
    if (codeableConcept != null) {
      out.startObject().string("name", "codeableConcept").value("value", codeableConcept).end();
    }
    if (r.display() != null) {
      out.parameter("display", "valueString", r.display());
    }
    if (r.inactive()) {
      out.parameter("inactive", true);
    }
    if (!r.issues().isEmpty()) {
      out.startObject().string("name", "issues").startObject("resource").string("resourceType", "OperationOutcome");
      out.startArray("issue");
      for (ValidationIssue i : r.issues()) {
        issue(out, i);
      }
      out.endArray().end().end();
    }
    if (r.message() != null) {
      out.parameter("message", "valueString", r.message());
    }
    out.parameter("result", r.result());
    if (r.normalizedCode() != null) {
      out.parameter("normalized-code", "valueCode", r.normalizedCode());
    }
    if (r.status() != null) {
      out.parameter("status", "valueCode", r.status());
    }
    if (r.system() != null) {
      out.parameter("system", "valueUri", r.system());
    }
    if (r.version() != null) {
      out.parameter("version", "valueString", r.version());
    }
    for (String unknown : r.unknownSystems()) {
      out.parameter("x-caused-by-unknown-system", "valueCanonical", unknown);
    }
    for (String unknown : r.unknownSystemsOutsideValueSet()) {
      out.parameter("x-unknown-system", "valueCanonical", unknown);
    }
    diagnostics(out, diagnostics);
    out.endArray().end();
  }

  /** One OperationOutcome issue: its message id, severity, type, tx-issue-type and text, and expression only. */
  private static void issue(FhirJson out, ValidationIssue i) {
    out.startObject();
    if (i.messageId() != null) {
      out.startArray("extension").startObject().string("url", MessageIds.EXTENSION)
          .string("valueString", i.messageId().id()).end().endArray();
    }
    out.string("severity", i.severity()).string("code", i.type());
    out.startObject("details").startArray("coding").startObject().string("system", ErrorMapper.TX_ISSUE_TYPE)
        .string("code", i.txType()).end().endArray().string("text", i.text()).end();
    if (i.expression() != null) {
      // expression only: R4 deprecates location, and the ecosystem's newer test cases expect none
      out.startArray("expression");
      out.arrayString(i.expression());
      out.endArray();
    }
    out.end();
  }

  static void subsumes(FhirJson out, String outcome, String diagnostics) {
    out.startResource("Parameters").startArray("parameter");
    out.parameter("outcome", "valueCode", outcome);
    diagnostics(out, diagnostics);
    out.endArray().end();
  }

  private static void diagnostics(FhirJson out, String diagnostics) {
    if (diagnostics != null) {
      out.parameter("diagnostics", "valueString", diagnostics);
    }
  }
}
