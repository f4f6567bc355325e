package org.moltx;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

/** Answers of the server as whole values the tests can compare exactly: parsed resources and their lines. */
public final class Answers {
  static final String MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

  private Answers() {}

  public static Parameters parameters(String json) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, json);
  }

  public static OperationOutcome outcome(String json) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, json);
  }

  /**
   * The parameters in order as "name=value" lines; the parts of a parameter follow it indented by two spaces, and a
   * resource value (an OperationOutcome's issues) follows it as its {@link #issues} indented the same way.
   */
  public static List<String> lines(Parameters p) {
    List<String> out = new ArrayList<>();
    for (ParametersParameterComponent pp : p.getParameter()) {
      add(out, "", pp);
    }
    return out;
  }

  /** The lines of a parsed JSON Parameters body. */
  public static List<String> lines(String json) {
    return lines(parameters(json));
  }

  private static void add(List<String> out, String indent, ParametersParameterComponent pp) {
    if (pp.getResource() != null) {
      out.add(indent + pp.getName() + "=" + pp.getResource().fhirType());
      if (pp.getResource() instanceof OperationOutcome oo) {
        issues(oo).forEach(i -> out.add(indent + "  " + i));
      }
    } else if (pp.getValue() != null) {
      out.add(indent + pp.getName() + "=" + text(pp.getValue()));
    } else {
      out.add(indent + pp.getName() + ":");
    }
    for (ParametersParameterComponent part : pp.getPart()) {
      add(out, indent + "  ", part);
    }
  }

  /** A value as text: a primitive as itself, a Coding as system|version#code "display", a CodeableConcept as its codings and text. */
  public static String text(Base value) {
    if (value instanceof Coding c) {
      return coding(c);
    }
    if (value instanceof CodeableConcept cc) {
      return cc.getCoding().stream().map(Answers::coding).collect(Collectors.joining(", ", "[", "]"))
          + (cc.hasText() ? " \"" + cc.getText() + "\"" : "");
    }
    return value.isPrimitive() ? value.primitiveValue() : value.fhirType();
  }

  private static String coding(Coding c) {
    return (c.hasSystem() ? c.getSystem() : "") + (c.hasVersion() ? "|" + c.getVersion() : "") + "#" + c.getCode()
        + (c.hasDisplay() ? " \"" + c.getDisplay() + "\"" : "");
  }

  /**
   * Each issue as one line: "severity code/detail-code: text @ expression {message-id}", where the text is the details'
   * text, else the diagnostics, and the parts that are absent are left out.
   */
  public static List<String> issues(OperationOutcome oo) {
    return oo.getIssue().stream().map(Answers::issue).toList();
  }

  /** The issues of a parsed JSON OperationOutcome body. */
  public static List<String> issues(String json) {
    return issues(outcome(json));
  }

  private static String issue(OperationOutcomeIssueComponent i) {
    StringBuilder s = new StringBuilder();
    s.append(i.getSeverity() == null ? "?" : i.getSeverity().toCode()).append(' ')
        .append(i.getCode() == null ? "?" : i.getCode().toCode());
    for (Coding c : i.getDetails().getCoding()) {
      s.append('/').append(c.getCode());
    }
    s.append(": ").append(i.getDetails().hasText() ? i.getDetails().getText() : i.getDiagnostics());
    if (i.hasExpression()) {
      s.append(" @ ").append(i.getExpression().stream().map(e -> e.getValue()).collect(Collectors.joining(", ")));
    }
    if (i.hasExtension(MESSAGE_ID)) {
      s.append(" {").append(i.getExtensionByUrl(MESSAGE_ID).getValue().primitiveValue()).append('}');
    }
    return s.toString();
  }
}
