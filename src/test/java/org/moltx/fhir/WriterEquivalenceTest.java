package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moltx.app.Moltx;
import org.moltx.engine.Terminology;

/**
 * The streaming writers (AnswerWriter, ExpansionWriter) answer as the HAPI-model renderers they replace did
 * (ParametersRenderer, ExpansionRenderer): for each request, both render the same engine answer, and the two
 * resources are equal, element by element (equalsDeep), but for an expansion's fresh identifier and timestamp.
 */
class WriterEquivalenceTest {
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String NUCC = "http://nucc.org/provider-taxonomy";
  private static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
  private static final String VS = "http://moltx.org/fhir/ValueSet/";
  private static Terminology terminology;

  @BeforeAll
  static void load() {
    terminology = Moltx.load();
  }

  static Stream<String> requests() {
    List<String> out = new ArrayList<>();
    for (String code : List.of(CPT + "&code=81455", CPT + "&code=26", ICD + "&code=C92.01", ICD + "&code=C92.0",
        ICD + "&code=E08.37X1", NUCC + "&code=207SM0001X", NUCC + "&code=207ZP0101X", POS + "&code=81",
        "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=TC")) {
      out.add("/CodeSystem/$lookup?system=" + code);
    }
    out.add("/CodeSystem/$lookup?system=" + ICD + "&code=C92.01&version=2026&property=parent&property=child");
    out.add("/CodeSystem/$lookup?system=" + CPT + "&code=81455&property=modifier&displayLanguage=en");
    for (String q : List.of("code=C92.01", "code=C92.01&display=AML", "code=C92.99", "code=C9201", "code=S23.420A",
        "code=S23.420A&version=2026", "code=J45.909&version=2019", "code=J45.909&version=2019&default-to-latest-version=true",
        "code=c92.01", "code=C92.0&abstract=false", "code=C92.01&display=AML&lenient-display-validation=true")) {
      out.add("/CodeSystem/$validate-code?url=" + ICD + "&" + q);
    }
    out.add("/CodeSystem/$validate-code?url=" + CPT + "&code=81455&display=Panel");
    out.add("/CodeSystem/$validate-code?url=" + CPT + "&code=81479");
    out.add("/CodeSystem/$validate-code?url=" + NUCC + "&code=207SM0001X&display=Molecular");
    out.add("/CodeSystem/$validate-code?url=urn:oid:2.16.840.1.113883.6.90&code=C92.01");
    out.add("/CodeSystem/$validate-code?url=http://example.org/none&code=1");
    for (String q : List.of("system=" + ICD + "&code=C92.01", "system=" + ICD + "&code=J45.909",
        "system=" + ICD + "&code=C92.00", "system=" + CPT + "&code=81455", "system=" + ICD + "&code=C92.01&display=x")) {
      out.add("/ValueSet/$validate-code?url=" + VS + "cpt-81455-indications&" + q);
      out.add("/ValueSet/$validate-code?url=" + VS + "cpt-81311-indications&" + q);
    }
    out.add("/ValueSet/$validate-code?url=" + VS + "cpt-genomic-sequencing-panels&system=" + CPT + "&code=81450");
    out.add("/ValueSet/$validate-code?url=" + VS + "molecular-pathology-modifiers&code=TC&inferSystem=true");
    for (String q : List.of("system=" + CPT + "&code=81455&targetsystem=" + ICD, "system=" + ICD + "&code=C92.00&reverse=true",
        "system=" + ICD + "&code=C92.01&reverse=true", "system=" + CPT + "&code=81311",
        "system=" + CPT + "&code=81455&targetsystem=" + NUCC, "system=" + ICD + "&code=J45.909&reverse=true",
        "system=" + ICD + "&code=C92.00&reverse=true&useHierarchy=false")) {
      out.add("/ConceptMap/$translate?" + q);
    }
    for (String name : List.of("cpt-81455-indications", "cpt-81311-indications", "cpt-genomic-sequencing-panels",
        "laboratory-place-of-service", "molecular-pathology-modifiers", "molecular-pathology-specialties")) {
      out.add("/ValueSet/$expand?url=" + VS + name);
      out.add("/ValueSet/$expand?url=" + VS + name + "&includeDesignations=true&property=parent&count=5&offset=1");
    }
    out.add("/ValueSet/$expand?url=" + ICD + "?fhir_vs&filter=fract&count=20&offset=7");
    out.add("/ValueSet/$expand?url=" + ICD + "?fhir_vs%3Disa/C92&count=40");
    out.add("/ValueSet/$expand?url=" + ICD + "?fhir_vs%3Disa/C92.0");
    out.add("/ValueSet/$expand?url=" + ICD + "?fhir_vs%3Disa/C92.0&displayLanguage=en&includeDesignations=true");
    out.add("/ValueSet/$expand?url=" + NUCC + "?fhir_vs&filter=pathology&count=10&property=definition");
    out.add("/ValueSet/$expand?url=" + CPT + "?fhir_vs&includeDesignations=true&property=modifier");
    out.add("/ValueSet/$expand?url=" + ICD + "?fhir_vs&_limit=30&_incomplete=true&excludeNested=true");
    out.add("/CodeSystem/$subsumes?system=" + ICD + "&codeA=C92&codeB=C92.01");
    out.add("/CodeSystem/$subsumes?system=" + ICD + "&codeA=C92.01&codeB=C92");
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void theWriterAnswersAsTheRendererDid(String request) {
    int q = request.indexOf('?');
    OperationPipeline.Route route = OperationPipeline.route(request.substring(0, q));
    ParamSource in = new ParamSource(query(request.substring(q + 1)), null, name -> null);
    OperationPipeline.Result result = OperationPipeline.run(route, in, "GET", terminology);
    IBaseResource written = result.resource();
    IBaseResource rendered = renderedTheOldWay(result.answer());
    if (written instanceof ValueSet w && rendered instanceof ValueSet r) {
      // fresh on every expansion
      w.getExpansion().setIdentifier(null).setTimestamp(null);
      r.getExpansion().setIdentifier(null).setTimestamp(null);
      // a parsed resource's id carries its type (ValueSet/x); the rendered one's only x
      w.setId(w.getIdElement().getIdPart());
    }
    assertThat(((Base) written).equalsDeep((Base) rendered))
        .as("written:  %s%nrendered: %s", encode(written), encode(rendered)).isTrue();
  }

  private static IBaseResource renderedTheOldWay(OperationContract.Answer answer) {
    if (answer instanceof LookupContract.LookupAnswer a) {
      return ParametersRenderer.lookup(a.result(), a.usedSupplements());
    }
    if (answer instanceof CodeSystemValidateContract.ValidateAnswer a) {
      return ParametersRenderer.validation(a.result(), a.codeableConcept());
    }
    if (answer instanceof TranslateContract.TranslateAnswer a) {
      return ParametersRenderer.translate(a.result(), a.reverseInput());
    }
    if (answer instanceof SubsumesContract.SubsumesAnswer a) {
      org.hl7.fhir.r4.model.Parameters p = new org.hl7.fhir.r4.model.Parameters();
      p.addParameter().setName("outcome").setValue(new org.hl7.fhir.r4.model.CodeType(a.outcome()));
      return p;
    }
    ExpandContract.ExpandAnswer a = (ExpandContract.ExpandAnswer) answer;
    ExpansionWriter.Options o = a.options();
    return ExpansionRenderer.render(a.result(), new ExpansionRenderer.Options(o.includeDesignations(), o.designations(),
        o.properties(), o.excludeNested(), o.displayLanguage(),
        o.echo().stream().map(e -> new ExpansionRenderer.EchoedParameter(e.name(), e.value())).toList(),
        o.statusOfInactiveOnly()));
  }

  private static String encode(IBaseResource r) {
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(r);
  }

  private static Map<String, String[]> query(String query) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      values.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    Map<String, String[]> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
    return out;
  }
}
