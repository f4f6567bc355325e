package org.moltx.fhir;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.moltx.engine.LookupResult;
import org.moltx.engine.ResultProperty;
import org.moltx.engine.TranslateMatch;
import org.moltx.engine.TranslateResult;
import org.moltx.engine.ValidateResult;
import org.moltx.engine.ValidationIssue;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.moltx.model.CodingValue;
import org.moltx.model.Designation;

/** Renders engine results as the output Parameters of the R4 operations, in exactly one place each. */
public final class ParametersRenderer {
  /** Extension on a $translate match that borrowed its mapping from an ancestor of the requested code. */
  public static final String VIA_ANCESTOR_EXTENSION = "http://moltx.org/fhir/StructureDefinition/translate-via-ancestor";

  private ParametersRenderer() {}

  public static Parameters lookup(LookupResult r) {
    return lookup(r, java.util.List.of());
  }

  /** usedSupplements: url|version of each supplement the answer drew on. */
  public static Parameters lookup(LookupResult r, java.util.List<String> usedSupplements) {
    Parameters p = new Parameters();
    for (String used : usedSupplements) {
      p.addParameter().setName("used-supplement").setValue(new CanonicalType(used));
    }
    p.addParameter().setName("code").setValue(new CodeType(r.code()));
    p.addParameter().setName("system").setValue(new UriType(r.release().url()));
    p.addParameter().setName("name").setValue(new StringType(r.systemName()));
    if (r.release().version() != null) {
      p.addParameter().setName("version").setValue(new StringType(r.release().version()));
    }
    if (r.display() != null) {
      p.addParameter().setName("display").setValue(new StringType(r.display()));
    }
    if (r.definition() != null) {
      p.addParameter().setName("definition").setValue(new StringType(r.definition()));
    }
    p.addParameter().setName("abstract").setValue(new BooleanType(r.isAbstract()));
    for (Designation d : r.designations()) {
      ParametersParameterComponent dp = p.addParameter().setName("designation");
      if (d.language() != null) {
        dp.addPart().setName("language").setValue(new CodeType(d.language()));
      }
      if (d.use() != null) {
        dp.addPart().setName("use").setValue(coding(d.use()));
      }
      if (d.source() != null) {
        dp.addPart().setName("source").setValue(new CanonicalType(d.source()));
      }
      dp.addPart().setName("value").setValue(new StringType(d.value()));
    }
    for (ResultProperty prop : r.properties()) {
      ParametersParameterComponent pp = p.addParameter().setName("property");
      pp.addPart().setName("code").setValue(new CodeType(prop.code()));
      pp.addPart().setName("value").setValue(PropertyValues.toFhir(prop));
      if (prop.description() != null) {
        pp.addPart().setName("description").setValue(new StringType(prop.description()));
      }
    }
    return p;
  }

  public static Parameters translate(TranslateResult r) {
    return translate(r, null);
  }

  /**
   * reverseInput: for an R5 reverse request (targetCode), the coding asked about: each match then names it as
   * {@code concept} and what maps to it as {@code source}, as the R5 operation does.
   */
  public static Parameters translate(TranslateResult r, CodingValue reverseInput) {
    Parameters p = new Parameters();
    p.addParameter().setName("result").setValue(new BooleanType(r.result()));
    if (r.message() != null) {
      p.addParameter().setName("message").setValue(new StringType(r.message()));
    }
    for (TranslateMatch m : r.matches()) {
      ParametersParameterComponent mp = p.addParameter().setName("match");
      mp.addPart().setName("equivalence").setValue(new CodeType(m.equivalence()));
      String relationship = RELATIONSHIPS.get(m.equivalence());
      if (relationship != null) {
        mp.addPart().setName("relationship").setValue(new CodeType(relationship));
      }
      if (reverseInput != null) {
        mp.addPart().setName("concept").setValue(coding(reverseInput));
        if (m.concept() != null) {
          mp.addPart().setName("source").setValue(coding(m.concept()));
        }
      } else if (m.concept() != null) {
        mp.addPart().setName("concept").setValue(coding(m.concept()));
      }
      // the map the match comes from: originMap, as the terminology ecosystem names it in R4 as in R5
      mp.addPart().setName("originMap").setValue(new CanonicalType(m.source()));
      if (m.via() != null) {
        mp.addExtension(new Extension(VIA_ANCESTOR_EXTENSION, coding(m.via())));
      }
    }
    return p;
  }

  /** R4 ConceptMap equivalence to the R5 relationship (FHIR R5 ConceptMap conversion table). */
  private static final java.util.Map<String, String> RELATIONSHIPS = java.util.Map.of(
      "relatedto", "related-to", "equivalent", "equivalent", "equal", "equivalent", "wider",
      "source-is-narrower-than-target", "subsumes", "source-is-narrower-than-target", "narrower",
      "source-is-broader-than-target", "specializes", "source-is-broader-than-target", "inexact", "related-to",
      "unmatched", "not-related-to", "disjoint", "not-related-to");

  static Coding coding(CodingValue c) {
    Coding coding = new Coding().setSystem(c.system()).setCode(c.code());
    if (c.display() != null) {
      coding.setDisplay(c.display());
    }
    return coding;
  }

  public static Parameters validation(ValidateResult r, CodeableConcept codeableConcept) {
    Parameters p = new Parameters();
    if (r.code() != null) {
      p.addParameter().setName("code").setValue(new CodeType(r.code()));
    }
    if (codeableConcept != null) {
      p.addParameter().setName("codeableConcept").setValue(codeableConcept);
    }
    if (r.display() != null) {
      p.addParameter().setName("display").setValue(new StringType(r.display()));
    }
    if (r.inactive()) {
      p.addParameter().setName("inactive").setValue(new BooleanType(true));
    }
    if (!r.issues().isEmpty()) {
      OperationOutcome oo = new OperationOutcome();
      for (ValidationIssue i : r.issues()) {
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue()
            .setSeverity(OperationOutcome.IssueSeverity.fromCode(i.severity()))
            .setCode(OperationOutcome.IssueType.fromCode(i.type()));
        issue.getDetails().setText(i.text()).addCoding(new Coding(ErrorMapper.TX_ISSUE_TYPE, i.txType(), null));
        MessageIds.mark(issue, i.messageId());
        if (i.expression() != null) {
          // expression only: R4 deprecates location, and the ecosystem's newer test cases expect none
          issue.addExpression(i.expression());
        }
      }
      p.addParameter().setName("issues").setResource(oo);
    }
    if (r.message() != null) {
      p.addParameter().setName("message").setValue(new StringType(r.message()));
    }
    p.addParameter().setName("result").setValue(new BooleanType(r.result()));
    if (r.normalizedCode() != null) {
      p.addParameter().setName("normalized-code").setValue(new CodeType(r.normalizedCode()));
    }
    if (r.status() != null) {
      p.addParameter().setName("status").setValue(new CodeType(r.status()));
    }
    if (r.system() != null) {
      p.addParameter().setName("system").setValue(new UriType(r.system()));
    }
    if (r.version() != null) {
      p.addParameter().setName("version").setValue(new StringType(r.version()));
    }
    for (String unknown : r.unknownSystems()) {
      p.addParameter().setName("x-caused-by-unknown-system").setValue(new CanonicalType(unknown));
    }
    for (String unknown : r.unknownSystemsOutsideValueSet()) {
      p.addParameter().setName("x-unknown-system").setValue(new CanonicalType(unknown));
    }
    return p;
  }
}
