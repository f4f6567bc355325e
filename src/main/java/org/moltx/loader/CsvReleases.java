package org.moltx.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;
import org.moltx.model.PropertyDef;
import org.moltx.model.PropertyType;

/** Loaders for the two CSV releases: the NUCC provider taxonomy and the CMS place-of-service code set. */
final class CsvReleases {
  static final List<String> NUCC_HEADER = List.of(
      "Code", "Grouping", "Classification", "Specialization", "Definition", "Notes", "Display Name", "Section");
  static final List<String> POS_HEADER = List.of("code", "display", "definition");

  private static final String NUCC_PROPS = "http://moltx.org/fhir/CodeSystem/nucc-provider-taxonomy#";
  private static final List<PropertyDef> NUCC_PROPERTIES = List.of(
      new PropertyDef("grouping", NUCC_PROPS + "grouping", "NUCC grouping (first level)", PropertyType.STRING),
      new PropertyDef("classification", NUCC_PROPS + "classification", "NUCC classification (second level)", PropertyType.STRING),
      new PropertyDef("specialization", NUCC_PROPS + "specialization", "NUCC area of specialization (third level)", PropertyType.STRING),
      new PropertyDef("definition", NUCC_PROPS + "definition", "NUCC definition", PropertyType.STRING),
      new PropertyDef("notes", NUCC_PROPS + "notes", "NUCC notes (history of the code)", PropertyType.STRING),
      new PropertyDef("section", NUCC_PROPS + "section", "NUCC section (Individual or Non-Individual)", PropertyType.STRING));

  private CsvReleases() {}

  /** The NUCC CSV; a specialization's parent is the code of its classification, where the taxonomy has one. */
  static CodeSystemRelease nucc(Path file, CodeSystemInfo info) {
    List<CSVRecord> rows = read(file, NUCC_HEADER);
    Map<String, String> classificationCode = new HashMap<>();
    for (CSVRecord r : rows) {
      if (r.get("Specialization").isBlank()) {
        classificationCode.putIfAbsent(r.get("Grouping") + "|" + r.get("Classification"), r.get("Code"));
      }
    }
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    for (CSVRecord r : rows) {
      String code = r.get("Code").trim();
      String display = r.get("Display Name").trim();
      if (code.isEmpty() || display.isEmpty()) {
        throw new LoadException(file.toString(), (int) r.getRecordNumber() + 1, "a code and a Display Name are required");
      }
      String parent = r.get("Specialization").isBlank() ? null
          : classificationCode.get(r.get("Grouping") + "|" + r.get("Classification"));
      List<ConceptProperty> props = new ArrayList<>();
      addString(props, "grouping", r.get("Grouping"));
      addString(props, "classification", r.get("Classification"));
      addString(props, "specialization", r.get("Specialization"));
      addString(props, "definition", r.get("Definition"));
      addString(props, "notes", r.get("Notes"));
      addString(props, "section", r.get("Section"));
      b.add(code, display, blankToNull(r.get("Definition")), code.equals(parent) ? null : parent, false, false, null,
          props.toArray(new ConceptProperty[0]));
    }
    return build(b, info, NUCC_PROPERTIES, file);
  }

  static CodeSystemRelease placeOfService(Path file, CodeSystemInfo info) {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    for (CSVRecord r : read(file, POS_HEADER)) {
      String code = r.get("code").trim();
      if (code.isEmpty() || r.get("display").isBlank()) {
        throw new LoadException(file.toString(), (int) r.getRecordNumber() + 1, "a code and a display are required");
      }
      b.add(code, r.get("display").trim(), blankToNull(r.get("definition")), null, false, false, null, null);
    }
    return build(b, info, List.of(), file);
  }

  private static CodeSystemRelease build(CodeSystemRelease.Builder b, CodeSystemInfo info, List<PropertyDef> props, Path file) {
    try {
      return b.build(info, props);
    } catch (IllegalArgumentException e) {
      throw new LoadException(file.toString(), 0, e.getMessage());
    }
  }

  private static List<CSVRecord> read(Path file, List<String> header) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (BufferedReader in = TextFiles.open(file, StandardCharsets.UTF_8)) {
      var parser = format.parse(in);
      List<String> actual = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
      if (!actual.equals(header)) {
        throw new LoadException(file.toString(), 1, "header is " + actual + "; expected " + header);
      }
      if (!parser.getHeaderNames().equals(header)) {
        // the columns are read by name: a name with stray characters would not be found
        throw new LoadException(file.toString(), 1, "header names have stray spaces, tabs or a byte order mark: "
            + parser.getHeaderNames());
      }
      List<CSVRecord> rows = parser.getRecords();
      for (CSVRecord r : rows) {
        if (!r.isConsistent()) {
          throw new LoadException(file.toString(), (int) r.getRecordNumber() + 1,
              r.size() + " fields where the header has " + header.size());
        }
      }
      return rows;
    } catch (IOException | UncheckedIOException e) {
      throw new LoadException(file.toString(), 0, "not valid CSV: " + e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // commons-csv: a missing or duplicate header name, a quote that does not close
      throw new LoadException(file.toString(), 0, "not valid CSV: " + e.getMessage(), e);
    }
  }

  private static void addString(List<ConceptProperty> props, String code, String value) {
    if (value != null && !value.isBlank()) {
      props.add(new ConceptProperty(code, value.trim()));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
