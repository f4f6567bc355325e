package org.moltx.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.DateTimeType;

/** The date parameters ($lookup and $validate-code date): a FHIR dateTime, read as the day it falls on. */
final class Dates {
  private Dates() {}

  static LocalDate localDate(ParamSource in, String name) {
    String value = in.string(name);
    if (value == null) {
      return null;
    }
    DateTimeType date;
    try {
      date = new DateTimeType(value);
    } catch (DataFormatException | IllegalArgumentException e) {
      date = null;
    }
    if (date == null || date.getValue() == null) {
      throw ErrorMapper.invalid("The parameter " + name + " must be a FHIR dateTime such as 2026-10-01, not '"
          + value + "'", name);
    }
    return date.getValue().toInstant()
        .atZone(date.getTimeZone() == null ? ZoneId.systemDefault() : date.getTimeZone().toZoneId()).toLocalDate();
  }
}
