package org.moltx.fhir;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.moltx.engine.ResultProperty;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.ConceptProperty;
import org.moltx.model.PropertyDef;
import org.moltx.model.PropertyType;

/**
 * The one conversion of a concept property value to FHIR, wherever a property becomes FHIR: $lookup's property parts,
 * the expansion's contains.property, a CodeSystem's concept.property, and HAPI's lookup result. {@link #toFhir} gives
 * the HAPI type; {@link #jsonName} and {@link #jsonValue} give the same for a writer of FHIR JSON.
 *
 * <p>A value held as a Coding, boolean, integer or decimal is that type whatever the declaration says; a value held as
 * text is what the property's declared type says: a code, a string, or a dateTime (when it is a valid FHIR dateTime;
 * else, as a text that is not what its declaration says, a string).
 */
public final class PropertyValues {
  /** The FHIR type of a property value, by the suffix of its {@code value[x]} element. */
  public enum Kind {
    CODING("Coding"), BOOLEAN("Boolean"), INTEGER("Integer"), DECIMAL("Decimal"), DATETIME("DateTime"), CODE("Code"),
    STRING("String");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    /** The JSON element name: valueCode, valueDateTime... */
    public String jsonName() {
      return "value" + suffix;
    }
  }

  /** FHIR R4 dateTime (year, year-month, date, or date and time with a zone; no leap second). */
  private static final Pattern DATE_TIME = Pattern.compile("([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
      + "(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
      + "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?");

  private PropertyValues() {}

  /**
   * A concept's property as a result property, typed by the code system's declaration of it; one the code system does
   * not declare (a status from the concept's standards-status extension) is a code.
   */
  public static ResultProperty of(CodeSystemRelease release, ConceptProperty p) {
    PropertyDef def = release.propertyDef(p.code());
    return new ResultProperty(p.code(), def != null ? def.type() : PropertyType.CODE, p.value(), null);
  }

  /** The FHIR type the property's value is. */
  public static Kind kind(ResultProperty p) {
    Object v = p.value();
    if (v instanceof CodingValue) {
      return Kind.CODING;
    }
    if (v instanceof Boolean) {
      return Kind.BOOLEAN;
    }
    if (v instanceof Integer) {
      return Kind.INTEGER;
    }
    if (v instanceof BigDecimal) {
      return Kind.DECIMAL;
    }
    String s = String.valueOf(v);
    return switch (p.type()) {
      case CODE, CODING -> Kind.CODE;
      case DATETIME -> DATE_TIME.matcher(s).matches() ? Kind.DATETIME : Kind.STRING;
      case BOOLEAN -> s.equals("true") || s.equals("false") ? Kind.BOOLEAN : Kind.STRING;
      case STRING, INTEGER, DECIMAL -> Kind.STRING;
    };
  }

  /** The JSON element name of the property's value: valueCode, valueCoding, valueDateTime... */
  public static String jsonName(ResultProperty p) {
    return kind(p).jsonName();
  }

  /**
   * The property's value as JSON writes it: a {@link String} (code, string, dateTime: a JSON string), a
   * {@link Boolean}, an {@link Integer} or a {@link BigDecimal} (JSON literals), or a {@link CodingValue} (a Coding
   * object: system, code, display).
   */
  public static Object jsonValue(ResultProperty p) {
    Object v = p.value();
    return switch (kind(p)) {
      case CODING, INTEGER, DECIMAL -> v;
      case BOOLEAN -> v instanceof Boolean b ? b : Boolean.valueOf(String.valueOf(v));
      case CODE, STRING, DATETIME -> String.valueOf(v);
    };
  }

  /** The property's value as the HAPI type of its {@code value[x]}. */
  public static Type toFhir(ResultProperty p) {
    Object v = jsonValue(p);
    return switch (kind(p)) {
      case CODING -> coding((CodingValue) v);
      case BOOLEAN -> new BooleanType((Boolean) v);
      case INTEGER -> new IntegerType((Integer) v);
      case DECIMAL -> new DecimalType((BigDecimal) v);
      case DATETIME -> new DateTimeType((String) v);
      case CODE -> new CodeType((String) v);
      case STRING -> new StringType((String) v);
    };
  }

  /** A concept's property value as the HAPI type, typed as {@link #of} says. */
  public static Type toFhir(CodeSystemRelease release, ConceptProperty p) {
    return toFhir(of(release, p));
  }

  static Coding coding(CodingValue c) {
    Coding coding = new Coding().setSystem(c.system()).setCode(c.code());
    if (c.display() != null) {
      coding.setDisplay(c.display());
    }
    return coding;
  }
}
