package org.moltx.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * The date parameters ($lookup and $validate-code date): a FHIR dateTime, read as the day it falls on; and the
 * timestamps answers carry.
 */
final class Dates {
  private record Stamp(long second, String text) {}

  /** The last timestamp written: formatting one cost a fifth of writing an expansion (JFR). */
  private static volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

  private Dates() {}

  /** Now as a FHIR dateTime to the second with the server's offset, e.g. 2026-11-30T14:22:14Z. */
  static String nowToTheSecond() {
    long second = Math.floorDiv(System.currentTimeMillis(), 1000);
    Stamp stamp = last;
    if (stamp.second() != second) {
      stamp = new Stamp(second, OffsetDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneId.systemDefault())
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      last = stamp;
    }
    return stamp.text();
  }

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
