package org.moltx.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.moltx.store.TerminologyStore;

/** The pages' query parameters, checked at the edge: bounded, one value where one is meant, known systems only. */
final class Params {
  /** The longest search text, code or version a page accepts. */
  static final int MAX_TEXT = 200;
  /** The most diagnoses one order check takes. */
  static final int MAX_DIAGNOSES = 20;

  private Params() {}

  /** A 400 naming the first query parameter the page does not take: none is accepted and ignored. */
  static void only(HttpServletRequest request, java.util.Set<String> accepted) {
    for (String name : request.getParameterMap().keySet()) {
      if (!accepted.contains(name)) {
        throw new PageException(400, "Bad request", "This page takes no parameter '" + name + "'"
            + (accepted.isEmpty() ? "." : "; it takes " + String.join(", ", new java.util.TreeSet<>(accepted)) + "."));
      }
    }
  }

  /** The trimmed value, or null when absent or blank. */
  static String optional(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    if (values == null) {
      return null;
    }
    if (values.length > 1) {
      throw new PageException(400, "Bad request", "Give '" + name + "' once, not " + values.length + " times.");
    }
    return bounded(name, values[0]);
  }

  static String required(HttpServletRequest request, String name, String what) {
    String value = optional(request, name);
    if (value == null) {
      throw new PageException(400, "Bad request", "Missing '" + name + "': give " + what + ".");
    }
    return value;
  }

  /** Every non-blank value of a repeatable parameter. */
  static List<String> all(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    if (values == null) {
      return List.of();
    }
    List<String> out = java.util.Arrays.stream(values).map(v -> bounded(name, v)).filter(v -> v != null).toList();
    if (out.size() > MAX_DIAGNOSES) {
      throw new PageException(400, "Bad request", "At most " + MAX_DIAGNOSES + " values of '" + name + "'.");
    }
    return out;
  }

  /** A non-negative whole number, or the default when absent. */
  static int number(HttpServletRequest request, String name, int dflt, int max) {
    String v = optional(request, name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0 || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new PageException(400, "Bad request", "'" + name + "' must be a whole number from 0 to " + max + ".");
    }
  }

  /** The canonical URI of a content code system given by URI or OID; null when none is given. */
  static String system(HttpServletRequest request, TerminologyStore store, boolean required) {
    String given = required ? required(request, "system", "a code system URI") : optional(request, "system");
    if (given == null) {
      return null;
    }
    String system = store.canonicalSystem(given);
    Map<String, String> known = Layout.systems(store);
    if (!known.containsKey(system)) {
      throw new PageException(400, "Unknown code system", "This server has no code system '" + given
          + "'. Known: " + String.join(", ", known.keySet()) + ".");
    }
    return system;
  }

  private static String bounded(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > MAX_TEXT) {
      throw new PageException(400, "Bad request", "'" + name + "' is " + v.length() + " characters long; at most "
          + MAX_TEXT + " are accepted.");
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw new PageException(400, "Bad request", "'" + name + "' holds a control character.");
      }
    }
    return v;
  }
}
