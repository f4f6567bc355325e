package org.moltx.fhir;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.moltx.engine.ExpandResult;
import org.moltx.engine.ExpansionItem;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.Designation;

/** Renders an expansion as the ValueSet that $expand returns. */
final class ExpansionRenderer {
  /** How the request asked: which designations and properties to include, and the parameters to echo. */
  record Options(boolean includeDesignations, List<String> properties, List<EchoedParameter> echo) {}

  record EchoedParameter(String name, Type value) {}

  private ExpansionRenderer() {}

  static ValueSet render(ExpandResult result, Options options) {
    ValueSet source = result.valueSet();
    ValueSet vs = new ValueSet();
    vs.setId(source.getIdElement().getIdPart());
    vs.setUrl(source.getUrl()).setVersion(source.getVersion()).setName(source.getName()).setTitle(source.getTitle());
    vs.setStatus(source.getStatus());
    if (source.hasExperimental()) {
      vs.setExperimental(source.getExperimental());
    }
    vs.setDateElement(source.getDateElement()).setPublisher(source.getPublisher());
    ValueSet.ValueSetExpansionComponent exp = vs.getExpansion();
    exp.setIdentifier("urn:uuid:" + UUID.randomUUID()).setTimestamp(new Date()).setTotal(result.total());
    if (result.offset() > 0 || options.echo().stream().anyMatch(e -> e.name().equals("offset"))) {
      exp.setOffset(result.offset());
    }
    for (EchoedParameter e : options.echo()) {
      exp.addParameter().setName(e.name()).setValue(e.value());
    }
    for (String cs : result.usedCodeSystems()) {
      exp.addParameter().setName("used-codesystem").setValue(new UriType(cs));
    }
    for (String p : options.properties()) {
      exp.addExtension("http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.property",
          new CodeType(p));
    }
    for (ExpansionItem item : result.contains()) {
      exp.addContains(contains(item, options));
    }
    return vs;
  }

  private static ValueSetExpansionContainsComponent contains(ExpansionItem item, Options options) {
    CodeSystemRelease r = item.release();
    int i = item.index();
    ValueSetExpansionContainsComponent c = new ValueSetExpansionContainsComponent();
    c.setSystem(r.url());
    if (r.isAbstract(i)) {
      c.setAbstract(true);
    }
    if (r.isInactive(i)) {
      c.setInactive(true);
    }
    c.setCode(r.code(i));
    if (item.display() != null) {
      c.setDisplay(item.display());
    }
    if (options.includeDesignations()) {
      for (Designation d : r.designations(i)) {
        var dc = c.addDesignation().setValue(d.value());
        if (d.language() != null) {
          dc.setLanguage(d.language());
        }
        if (d.use() != null) {
          dc.setUse(ParametersRenderer.coding(d.use()));
        }
      }
    }
    return c;
  }

  static EchoedParameter echo(String name, String value) {
    return new EchoedParameter(name, new StringType(value));
  }

  static EchoedParameter echo(String name, boolean value) {
    return new EchoedParameter(name, new BooleanType(value));
  }

  static EchoedParameter echo(String name, int value) {
    return new EchoedParameter(name, new IntegerType(value));
  }
}
