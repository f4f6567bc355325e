package org.moltx.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CMS ICD-10-CM order addenda (icd10cm_order_addenda_YYYY.txt): lines of action label (columns 1-13: "Add:",
 * "Delete:", "Revise from:", "Revise to:"), flag, code and titles in the order-file layout without the order
 * number, then a trailer that counts the codes and headers of the new release. A code that turns from billable to
 * header appears as a Delete and an Add of the same code.
 */
public final class Icd10CmAddenda {
  private static final Pattern TRAILER =
      Pattern.compile("^\\s*(\\d+) (codes|headers) in icd10cm_order_(\\d{4})\\.txt\\s*$");

  private final String file;
  private final List<Change> changes;
  private final Map<String, Integer> trailerCounts;

  private record Change(String action, int line, Icd10CmEntry entry) {}

  private Icd10CmAddenda(String file, List<Change> changes, Map<String, Integer> trailerCounts) {
    this.file = file;
    this.changes = changes;
    this.trailerCounts = trailerCounts;
  }

  static Icd10CmAddenda read(Path path) {
    String name = path.toString();
    List<Change> changes = new ArrayList<>();
    Map<String, Integer> trailer = new HashMap<>();
    try (BufferedReader in = TextFiles.open(path, StandardCharsets.US_ASCII)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String label = line.length() >= 13 ? line.substring(0, 13).trim() : "";
        if (label.equals("Add:") || label.equals("Delete:") || label.equals("Revise from:") || label.equals("Revise to:")) {
          if (line.length() < 85) {
            throw new LoadException(name, lineNo, "line is " + line.length() + " characters; an addenda line has at least 85");
          }
          String code = line.substring(15, 23).trim();
          if (!Icd10CmCodes.isWellFormed(code)) {
            throw new LoadException(name, lineNo, "'" + code + "' is not an ICD-10-CM code");
          }
          boolean billable = Icd10CmOrderFile.flag(line.charAt(13), name, lineNo);
          changes.add(new Change(label, lineNo,
              new Icd10CmEntry(code, billable, line.substring(23, 83).trim(), line.substring(84).trim())));
          continue;
        }
        Matcher m = TRAILER.matcher(line);
        if (m.matches()) {
          // the larger year of each pair is the new release
          trailer.merge(m.group(2) + "@" + m.group(3), Integer.parseInt(m.group(1)), (a, b) -> b);
        } else if (!line.isBlank() && !line.trim().matches("(Headers|Codes|of which|\\d+ \\w+.*)")) {
          throw new LoadException(name, lineNo, "unrecognised line '" + line.trim() + "'");
        }
      }
    } catch (IOException e) {
      throw new LoadException(name, 0, "cannot read: " + e.getMessage(), e);
    }
    if (changes.isEmpty()) {
      throw new LoadException(name, 0, "the file holds no Add, Delete or Revise lines");
    }
    return new Icd10CmAddenda(name, changes, trailer);
  }

  /** Applies the changes to the entries of the previous release and checks the result against the trailer. */
  List<Icd10CmEntry> applyTo(List<Icd10CmEntry> previous, String newYear) {
    // order keys keep tabular order: a new code goes right after the nearest code that sorts before it
    TreeMap<String, Double> orderOf = new TreeMap<>();
    Map<String, Icd10CmEntry> entries = new LinkedHashMap<>();
    for (int i = 0; i < previous.size(); i++) {
      Icd10CmEntry e = previous.get(i);
      orderOf.put(e.code(), (double) i);
      entries.put(e.code(), e);
    }
    Map<String, Double> deletedAt = new HashMap<>();
    for (Change c : changes) {
      String code = c.entry().code();
      switch (c.action()) {
        case "Delete:" -> {
          if (entries.remove(code) == null) {
            throw new LoadException(file, c.line(), "Delete of " + code + ", which the previous release does not hold");
          }
          deletedAt.put(code, orderOf.remove(code));
        }
        case "Add:" -> {
          if (entries.containsKey(code)) {
            throw new LoadException(file, c.line(), "Add of " + code + ", which the previous release already holds");
          }
          Double order = deletedAt.get(code);
          if (order == null) {
            Map.Entry<String, Double> before = orderOf.lowerEntry(code);
            Map.Entry<String, Double> after = orderOf.higherEntry(code);
            double lo = before == null ? -1 : before.getValue();
            double hi = after == null ? lo + 2 : after.getValue();
            order = hi > lo ? lo + (hi - lo) / 2 : lo + 0.5;
          }
          orderOf.put(code, order);
          entries.put(code, c.entry());
        }
        case "Revise from:" -> {
          if (!entries.containsKey(code)) {
            throw new LoadException(file, c.line(), "Revise of " + code + ", which the previous release does not hold");
          }
        }
        case "Revise to:" -> {
          if (entries.put(code, c.entry()) == null) {
            throw new LoadException(file, c.line(), "Revise of " + code + ", which the previous release does not hold");
          }
        }
        default -> throw new IllegalStateException(c.action());
      }
    }
    // look each order key up once, then sort on it (a comparator doing the lookups cost seconds of start-up)
    record Ordered(double order, Icd10CmEntry entry) {}
    List<Ordered> ordered = new ArrayList<>(entries.size());
    entries.values().forEach(e -> ordered.add(new Ordered(orderOf.get(e.code()), e)));
    ordered.sort((a, b) -> Double.compare(a.order(), b.order()));
    List<Icd10CmEntry> result = new ArrayList<>(ordered.size());
    ordered.forEach(o -> result.add(o.entry()));
    check(result, newYear);
    return result;
  }

  private void check(List<Icd10CmEntry> result, String newYear) {
    long billable = result.stream().filter(Icd10CmEntry::billable).count();
    long headers = result.size() - billable;
    Integer expectedCodes = trailerCounts.get("codes@" + newYear);
    Integer expectedHeaders = trailerCounts.get("headers@" + newYear);
    if (expectedCodes == null || expectedHeaders == null) {
      throw new LoadException(file, 0, "the trailer does not count the codes and headers of icd10cm_order_" + newYear + ".txt");
    }
    if (billable != expectedCodes || headers != expectedHeaders) {
      throw new LoadException(file, 0, "applying the addenda gives " + billable + " codes and " + headers
          + " headers; the trailer says " + expectedCodes + " and " + expectedHeaders);
    }
  }
}
