package org.moltx.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CMS ICD-10-CM order file (icd10cm_order_YYYY.txt): fixed width, order number in columns 1-5, code
 * without a dot in 7-13, flag in 15 (0 header, 1 valid for HIPAA-covered transactions), short title in 17-76,
 * long title from 78.
 */
public final class Icd10CmOrderFile {
  private Icd10CmOrderFile() {}

  static List<Icd10CmEntry> read(Path file) {
    List<Icd10CmEntry> entries = new ArrayList<>(100_000);
    String name = file.toString();
    java.util.Map<String, Integer> seen = new java.util.HashMap<>(200_000);
    try (BufferedReader in = TextFiles.open(file, StandardCharsets.US_ASCII)) {
      String line;
      int lineNo = 0;
      int expectedOrder = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        if (line.length() < 78) {
          throw new LoadException(name, lineNo, "line is " + line.length() + " characters; an order file line has at least 78");
        }
        int order;
        try {
          order = Integer.parseInt(line.substring(0, 5));
        } catch (NumberFormatException e) {
          throw new LoadException(name, lineNo, "order number '" + line.substring(0, 5) + "' is not a number");
        }
        if (order != expectedOrder) {
          throw new LoadException(name, lineNo, "order number " + order + " where " + expectedOrder + " was expected");
        }
        expectedOrder++;
        String code = line.substring(6, 13).trim();
        if (!Icd10CmCodes.isWellFormed(code)) {
          throw new LoadException(name, lineNo, "'" + code + "' is not an ICD-10-CM code");
        }
        Integer first = seen.putIfAbsent(code, lineNo);
        if (first != null) {
          throw new LoadException(name, lineNo, "code " + code + " appears again (first at line " + first + ")");
        }
        String longTitle = line.substring(77).trim();
        String shortTitle = line.substring(16, 76).trim();
        // most short titles equal the long title: keep one string
        entries.add(new Icd10CmEntry(code, flag(line.charAt(14), name, lineNo),
            shortTitle.equals(longTitle) ? longTitle : shortTitle, longTitle));
      }
    } catch (IOException e) {
      throw new LoadException(name, 0, "cannot read: " + e.getMessage(), e);
    }
    if (entries.isEmpty()) {
      throw new LoadException(name, 0, "the file holds no codes");
    }
    return entries;
  }

  static boolean flag(char c, String file, int lineNo) {
    if (c == '0' || c == '1') {
      return c == '1';
    }
    throw new LoadException(file, lineNo, "flag '" + c + "' is neither 0 (header) nor 1 (billable)");
  }
}
