package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.moltx.engine.ResultProperty;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.ConceptProperty;
import org.moltx.model.PropertyDef;
import org.moltx.model.PropertyType;
import org.moltx.store.StoredCodeSystem;

/** The one converter of a concept property value to FHIR: the HAPI type and the JSON name and value agree. */
class PropertyValuesTest {
  private static ResultProperty prop(PropertyType type, Object value) {
    return new ResultProperty("p", type, value, null);
  }

  /** fhirType, value[x] name, and the value as text, from toFhir, jsonName and jsonValue. */
  private static void assertConverted(ResultProperty p, String fhirType, String jsonName, Object jsonValue) {
    Type t = PropertyValues.toFhir(p);
    assertThat(t.fhirType()).isEqualTo(fhirType);
    assertThat(PropertyValues.jsonName(p)).isEqualTo(jsonName).isEqualTo("value" + capitalised(t.fhirType()));
    assertThat(PropertyValues.jsonValue(p)).isEqualTo(jsonValue);
    if (t.isPrimitive()) {
      assertThat(t.primitiveValue()).isEqualTo(String.valueOf(jsonValue));
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Test
  void eachDeclaredTypeBecomesItsFhirType() {
    assertConverted(prop(PropertyType.CODE, "C92.0"), "code", "valueCode", "C92.0");
    assertConverted(prop(PropertyType.STRING, "Group"), "string", "valueString", "Group");
    assertConverted(prop(PropertyType.BOOLEAN, true), "boolean", "valueBoolean", true);
    assertConverted(prop(PropertyType.INTEGER, 3), "integer", "valueInteger", 3);
    assertConverted(prop(PropertyType.DECIMAL, new BigDecimal("1.50")), "decimal", "valueDecimal",
        new BigDecimal("1.50"));
    assertConverted(prop(PropertyType.DATETIME, "2009-07-12"), "dateTime", "valueDateTime", "2009-07-12");
    assertConverted(prop(PropertyType.DATETIME, "2024-03-01T10:15:00Z"), "dateTime", "valueDateTime",
        "2024-03-01T10:15:00Z");
    CodingValue coding = new CodingValue("http://x.org/cs", "a", "Alpha");
    ResultProperty codingProp = prop(PropertyType.CODING, coding);
    assertThat(PropertyValues.jsonName(codingProp)).isEqualTo("valueCoding");
    assertThat(PropertyValues.jsonValue(codingProp)).isEqualTo(coding);
    Coding c = (Coding) PropertyValues.toFhir(codingProp);
    assertThat(List.of(c.getSystem(), c.getCode(), c.getDisplay())).containsExactly("http://x.org/cs", "a", "Alpha");
  }

  @Test
  void aValueHeldAsACodingBooleanOrNumberIsThatTypeWhateverTheDeclaration() {
    assertConverted(prop(PropertyType.STRING, Boolean.FALSE), "boolean", "valueBoolean", false);
    assertConverted(prop(PropertyType.CODE, 7), "integer", "valueInteger", 7);
    assertThat(PropertyValues.jsonName(prop(PropertyType.CODE, new CodingValue("s", "c", null))))
        .isEqualTo("valueCoding");
  }

  @Test
  void aTextThatIsNotWhatItsDeclarationSaysIsAString() {
    assertConverted(prop(PropertyType.DATETIME, "12 July 2009"), "string", "valueString", "12 July 2009");
    assertConverted(prop(PropertyType.DATETIME, "2009-07-12T10:15"), "string", "valueString", "2009-07-12T10:15");
    assertConverted(prop(PropertyType.INTEGER, "three"), "string", "valueString", "three");
    assertConverted(prop(PropertyType.DECIMAL, "1,5"), "string", "valueString", "1,5");
    assertConverted(prop(PropertyType.BOOLEAN, "true"), "boolean", "valueBoolean", true);
    assertConverted(prop(PropertyType.BOOLEAN, "yes"), "string", "valueString", "yes");
    assertConverted(prop(PropertyType.CODING, "a"), "code", "valueCode", "a");
  }

  private static CodeSystemRelease release() {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("a", "Alpha", null, null, false, false, null, new ConceptProperty[] {
        new ConceptProperty("deprecationDate", "2009-07-12"), new ConceptProperty("note", "n"),
        new ConceptProperty("status", "deprecated")});
    CodeSystemInfo info = new CodeSystemInfo("test", "http://x.org/cs", "1", "Test", null, "active", "complete", null,
        null, null, true, null, "en", null, null);
    return b.build(info, List.of(new PropertyDef("deprecationDate", "http://hl7.org/fhir/concept-properties#deprecationDate",
        null, PropertyType.DATETIME), new PropertyDef("note", null, null, PropertyType.STRING)));
  }

  @Test
  void aConceptsPropertyIsTypedByItsDeclarationAndAnUndeclaredOneIsACode() {
    CodeSystemRelease r = release();
    ConceptProperty[] props = r.conceptProperties(r.indexOf("a"));
    assertThat(PropertyValues.of(r, props[0]).type()).isEqualTo(PropertyType.DATETIME);
    assertThat(PropertyValues.toFhir(r, props[0]).fhirType()).isEqualTo("dateTime");
    assertThat(PropertyValues.toFhir(r, props[1]).fhirType()).isEqualTo("string");
    assertThat(PropertyValues.toFhir(r, props[2]).fhirType()).isEqualTo("code");
  }

  @Test
  void aReleaseRenderedAsACodeSystemGivesADateTimePropertyAsValueDateTime() {
    CodeSystem cs = CodeSystemRenderer.render(new StoredCodeSystem(release(), null), true);
    CodeSystem.ConceptPropertyComponent p = cs.getConceptFirstRep().getProperty().stream()
        .filter(x -> x.getCode().equals("deprecationDate")).findFirst().orElseThrow();
    assertThat(p.getValue().fhirType()).isEqualTo("dateTime");
    String json = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(cs);
    assertThat(json).contains("\"valueDateTime\":\"2009-07-12\"");
  }
}
