package org.moltx.model;

/** The FHIR CodeSystem.property.type values we hold. */
public enum PropertyType {
  CODE("code"), CODING("Coding"), STRING("string"), INTEGER("integer"), BOOLEAN("boolean"),
  DATETIME("dateTime"), DECIMAL("decimal");

  private final String fhirCode;

  PropertyType(String fhirCode) {
    this.fhirCode = fhirCode;
  }

  public String fhirCode() {
    return fhirCode;
  }

  public static PropertyType fromFhir(String code) {
    for (PropertyType t : values()) {
      if (t.fhirCode.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown property type '" + code + "'");
  }
}
