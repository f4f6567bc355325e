package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/** Code system supplements sent as tx-resources: used on request, and a missing one is an error. */
class SupplementHttpTest {
  private static final String BASE = "http://example.org/cs/base";
  private static final String SUPP = "http://example.org/cs/supp";
  private final IGenericClient client = TestServer.client();

  private static Parameters withContent() {
    CodeSystem base = new CodeSystem().setUrl(BASE).setVersion("1").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    base.addConcept().setCode("a").setDisplay("Alpha").addExtension(
        "http://hl7.org/fhir/StructureDefinition/codesystem-conceptOrder", new org.hl7.fhir.r4.model.IntegerType(3));
    CodeSystem supp = new CodeSystem().setUrl(SUPP).setVersion("0.1").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystem.CodeSystemContentMode.SUPPLEMENT).setSupplements(BASE);
    CodeSystem.ConceptDefinitionComponent suppA = supp.addConcept().setCode("a");
    suppA.addExtension("http://hl7.org/fhir/StructureDefinition/codesystem-label", new org.hl7.fhir.r4.model.StringType("a."));
    suppA.addDesignation().setLanguage("nl").setValue("alfa");
    ValueSet vs = new ValueSet().setUrl("http://example.org/vs/all").setStatus(PublicationStatus.ACTIVE);
    vs.getCompose().addInclude().setSystem(BASE);
    Parameters in = new Parameters();
    in.addParameter().setName("tx-resource").setResource(base);
    in.addParameter().setName("tx-resource").setResource(supp);
    in.addParameter().setName("tx-resource").setResource(vs);
    return in;
  }

  private Parameters validate(String supplement) {
    Parameters in = withContent();
    in.addParameter("url", new UriType("http://example.org/vs/all"));
    in.addParameter("coding", new Coding(BASE, "a", "alfa"));
    if (supplement != null) {
      in.addParameter("useSupplement", new CanonicalType(supplement));
    }
    return client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
  }

  @Test
  void aSupplementsDesignationIsAValidDisplayOnlyWhenTheSupplementIsUsed() {
    assertThat(validate(null).getParameterBool("result")).isFalse();
    assertThat(validate(SUPP).getParameterBool("result")).isTrue();
  }

  @Test
  void anUnknownSupplementIsANotFoundError() {
    assertThatThrownBy(() -> validate(SUPP + "-X")).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
      assertThat(e.getStatusCode()).isEqualTo(404);
      OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
      assertThat(oo.getIssueFirstRep().getDetails().getText()).isEqualTo("Required supplement not found: " + SUPP + "-X");
    });
  }

  @Test
  void expansionAndLookupNameTheSupplementTheyUsed() {
    Parameters in = withContent();
    in.addParameter("url", new UriType("http://example.org/vs/all"));
    in.addParameter("useSupplement", new CanonicalType(SUPP));
    ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
        .returnResourceType(ValueSet.class).execute();
    assertThat(expanded.getExpansion().getParameter()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("used-supplement");
      assertThat(p.getValue().primitiveValue()).isEqualTo(SUPP + "|0.1");
    });
    assertThat(expanded.getExpansion().getParameter()).noneMatch(p -> p.getName().equals("useSupplement"));

    Parameters lookup = withContent();
    lookup.addParameter("system", new UriType(BASE)).addParameter("code", new CodeType("a"));
    lookup.addParameter("useSupplement", new CanonicalType(SUPP));
    Parameters out = client.operation().onType(CodeSystem.class).named("$lookup").withParameters(lookup).execute();
    assertThat(out.getParameterValue("used-supplement").primitiveValue()).isEqualTo(SUPP + "|0.1");
  }

  @Test
  void aSupplementIsNotACodeSystemOfItsOwn() {
    Parameters in = withContent();
    in.addParameter("coding", new Coding(SUPP, "a", null));
    Parameters out = client.operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).execute();
    assertThat(out.getParameterBool("result")).isFalse();
    assertThat(out.getParameterValue("message").primitiveValue())
        .isEqualTo("CodeSystem " + SUPP + "|0.1 is a supplement, so can't be used as a value in Coding.system");
  }

  @Test
  void aDeprecatedConceptIsValidWithAWarningAndItsStatus() {
    Parameters in = withContent();
    CodeSystem cs = new CodeSystem().setUrl("http://example.org/cs/dep").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.addConcept().setCode("old").setDisplay("Old").addExtension(
        "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new CodeType("deprecated"));
    in.addParameter().setName("tx-resource").setResource(cs);
    in.addParameter("url", new UriType("http://example.org/cs/dep")).addParameter("code", new CodeType("old"));
    Parameters out = client.operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).execute();
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(out.getParameterValue("status").primitiveValue()).isEqualTo("deprecated");
    assertThat(out.getParameterValue("message").primitiveValue())
        .isEqualTo("The concept 'old' is deprecated and its use should be reviewed");
  }

  @Test
  void conceptExtensionsOfTheCodeSystemAndItsSupplementBecomeExpansionProperties() {
    Parameters in = withContent();
    in.addParameter("url", new UriType("http://example.org/vs/all"));
    in.addParameter("useSupplement", new CanonicalType(SUPP));
    ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
        .returnResourceType(ValueSet.class).execute();
    var declared = expanded.getExpansion().getExtensionsByUrl(ExpansionWriter.PROPERTY_EXTENSION).stream()
        .map(e -> e.getExtensionString("code")).toList();
    assertThat(declared).containsExactly("label", "order");
    var values = expanded.getExpansion().getContainsFirstRep()
        .getExtensionsByUrl(ExpansionWriter.CONTAINS_PROPERTY_EXTENSION).stream()
        .map(e -> e.getExtensionString("code") + "=" + e.getExtensionByUrl("value").getValue().primitiveValue()).toList();
    assertThat(values).containsExactly("label=a.", "order=3");
  }

  @Test
  void lookupNamesTheSupplementADesignationCameFrom() {
    Parameters in = withContent();
    in.addParameter("system", new UriType(BASE)).addParameter("code", new CodeType("a"));
    in.addParameter("useSupplement", new CanonicalType(SUPP));
    Parameters out = client.operation().onType(CodeSystem.class).named("$lookup").withParameters(in).execute();
    assertThat(out.getParameterValue("code").primitiveValue()).isEqualTo("a");
    assertThat(out.getParameterValue("system").primitiveValue()).isEqualTo(BASE);
    assertThat(out.getParameter().stream().filter(p -> p.getName().equals("designation"))
        .filter(d -> d.getPart().stream().anyMatch(part -> part.getName().equals("source")
            && part.getValue().primitiveValue().equals(SUPP + "|0.1")))).hasSize(1);
  }

  @Test
  void aConceptTheValueSetMarksDeprecatedIsValidWithANoteOutsideTheMessage() {
    Parameters in = withContent();
    ValueSet vs = new ValueSet().setUrl("http://example.org/vs/dep").setVersion("2").setStatus(PublicationStatus.ACTIVE);
    vs.getCompose().addInclude().setSystem(BASE).addConcept().setCode("a").addExtension(
        "http://hl7.org/fhir/StructureDefinition/valueset-deprecated", new org.hl7.fhir.r4.model.BooleanType(true));
    in.addParameter().setName("tx-resource").setResource(vs);
    in.addParameter("url", new UriType("http://example.org/vs/dep"));
    in.addParameter("coding", new Coding(BASE, "a", null));
    Parameters out = client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
    assertThat(out.getParameterBool("result")).isTrue();
    assertThat(out.getParameter("message")).isNull();
    OperationOutcome issues = (OperationOutcome) out.getParameter("issues").getResource();
    assertThat(issues.getIssueFirstRep().getDetails().getText()).isEqualTo("The presence of the concept 'a' in the "
        + "system '" + BASE + "' in the value set http://example.org/vs/dep|2 is marked with a status of deprecated and "
        + "its use should be reviewed");
  }

  @Test
  void aWithdrawnDesignationMatchesWithADisplayComment() {
    Parameters in = withContent();
    CodeSystem cs = new CodeSystem().setUrl("http://example.org/cs/des").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.addConcept().setCode("x").setDisplay("Current").addDesignation().setLanguage("de").setValue("Alt").addExtension(
        "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new CodeType("withdrawn"));
    in.addParameter().setName("tx-resource").setResource(cs);
    in.addParameter("url", new UriType("http://example.org/cs/des")).addParameter("code", new CodeType("x"));
    in.addParameter("display", new org.hl7.fhir.r4.model.StringType("Alt"));
    Parameters out = client.operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).execute();
    assertThat(out.getParameterBool("result")).isTrue();
    OperationOutcome issues = (OperationOutcome) out.getParameter("issues").getResource();
    assertThat(issues.getIssueFirstRep().getDetails().getText()).isEqualTo("'Alt' is no longer considered a correct "
        + "display for code 'x' (status = deprecated). The correct display is one of \"Current\".");
  }

  @Test
  void aValueSetsOwnConceptEntryOverridesOrderAndAddsDesignations() {
    Parameters in = withContent();
    ValueSet vs = new ValueSet().setUrl("http://example.org/vs/enum").setStatus(PublicationStatus.ACTIVE);
    ValueSet.ConceptReferenceComponent a = vs.getCompose().addInclude().setSystem(BASE).addConcept().setCode("a");
    a.addExtension("http://hl7.org/fhir/StructureDefinition/valueset-conceptOrder", new org.hl7.fhir.r4.model.IntegerType(0));
    a.addDesignation().setLanguage("fr").setValue("alpha (fr)");
    in.addParameter().setName("tx-resource").setResource(vs);
    in.addParameter("url", new UriType("http://example.org/vs/enum"));
    in.addParameter("includeDesignations", new org.hl7.fhir.r4.model.BooleanType(true));
    ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
        .returnResourceType(ValueSet.class).execute();
    var contains = expanded.getExpansion().getContainsFirstRep();
    var values = contains.getExtensionsByUrl(ExpansionWriter.CONTAINS_PROPERTY_EXTENSION).stream()
        .map(e -> e.getExtensionString("code") + "=" + e.getExtensionByUrl("value").getValue().primitiveValue()).toList();
    assertThat(values).containsExactly("order=0");
    assertThat(contains.getDesignation()).extracting(d -> d.getValue()).containsExactly("alpha (fr)");
  }

  @Test
  void aValueSetEntrysStandardsStatusIsReportedAndTravelsOnTheExpansion() {
    ValueSet vs = new ValueSet().setUrl("http://example.org/vs/wd").setStatus(PublicationStatus.ACTIVE);
    vs.getCompose().addInclude().setSystem(BASE).addConcept().setCode("a").addExtension(
        "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new CodeType("withdrawn"));
    Parameters validate = withContent();
    validate.addParameter().setName("tx-resource").setResource(vs);
    validate.addParameter("url", new UriType("http://example.org/vs/wd")).addParameter("coding", new Coding(BASE, "a", null));
    Parameters out = client.operation().onType(ValueSet.class).named("$validate-code").withParameters(validate).execute();
    OperationOutcome issues = (OperationOutcome) out.getParameter("issues").getResource();
    assertThat(issues.getIssueFirstRep().getDetails().getText()).contains("is marked with a status of withdrawn");

    Parameters expand = withContent();
    expand.addParameter().setName("tx-resource").setResource(vs);
    expand.addParameter("url", new UriType("http://example.org/vs/wd"));
    ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand").withParameters(expand)
        .returnResourceType(ValueSet.class).execute();
    assertThat(expanded.getExpansion().getContainsFirstRep().getExtensionByUrl(
        "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status").getValue().primitiveValue())
        .isEqualTo("withdrawn");
  }
}
