package org.moltx.engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.ConceptProperty;

/** ValueSet.compose filters as predicates over the concepts of one release. */
final class Filters {
  private Filters() {}

  static IntPredicate of(CodeSystemRelease r, String property, String op, String value) {
    if (op == null || property == null) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "A value set filter needs a property and an op",
          "ValueSet.compose.include.filter");
    }
    if (value == null) {
      // (a problem of the value set's: the evaluator reports it as one, with this id)
      throw new TerminologyException(Problem.INVALID_REQUEST, MessageId.UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE,
          MessageId.UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE.text(r.url(), property, op),
          "ValueSet.compose.include.filter");
    }
    boolean hierarchical = property.equals("concept") || property.equals("code");
    switch (op) {
      case "is-a", "descendent-of", "is-not-a", "generalizes", "child-of" -> {
        if (!hierarchical) {
          break;
        }
        int v = r.indexOf(value);
        if (v < 0) {
          return i -> op.equals("is-not-a");
        }
        return switch (op) {
          case "is-a" -> i -> r.subsumes(v, i);
          case "descendent-of" -> i -> i != v && r.subsumes(v, i);
          case "is-not-a" -> i -> !r.subsumes(v, i);
          case "generalizes" -> i -> r.subsumes(i, v);
          default -> i -> r.parent(i) == v;
        };
      }
      case "=" -> {
        return i -> values(r, i, property).contains(value);
      }
      case "in", "not-in" -> {
        Set<String> set = new HashSet<>(Arrays.asList(value.split("\\s*,\\s*")));
        boolean in = op.equals("in");
        return i -> values(r, i, property).stream().anyMatch(set::contains) == in;
      }
      case "regex" -> {
        Pattern p;
        try {
          p = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          throw new TerminologyException(Problem.INVALID_REQUEST, "The regex '" + value + "' is not valid: "
              + e.getDescription(), "ValueSet.compose.include.filter");
        }
        return i -> values(r, i, property).stream().anyMatch(s -> p.matcher(s).matches());
      }
      case "exists" -> {
        boolean wanted = Boolean.parseBoolean(value);
        return i -> !values(r, i, property).isEmpty() == wanted;
      }
      default -> { }
    }
    throw new TerminologyException(Problem.NOT_SUPPORTED, "The filter operation '" + op + "' on property '" + property
        + "' is not supported", "ValueSet.compose.include.filter");
  }

  /** The values a concept has for a property, as strings; code and display are properties too. */
  static Set<String> values(CodeSystemRelease r, int i, String property) {
    Set<String> out = new HashSet<>(2);
    switch (property) {
      case "code", "concept" -> out.add(r.code(i));
      case "display" -> {
        if (r.display(i) != null) {
          out.add(r.display(i));
        }
      }
      case "parent" -> {
        if (r.parent(i) >= 0) {
          out.add(r.code(r.parent(i)));
        }
      }
      case "child" -> {
        for (int c : r.children(i)) {
          out.add(r.code(c));
        }
      }
      case "inactive" -> out.add(String.valueOf(r.isInactive(i)));
      case "notSelectable", "abstract" -> {
        // only what the code system states: a concept without the property has no known selectable state
        if (r.isAbstract(i)) {
          out.add("true");
        }
      }
      default -> { }
    }
    for (ConceptProperty p : r.conceptProperties(i)) {
      if (p.code().equals(property) && p.value() != null) {
        out.add(p.value() instanceof CodingValue c ? c.code() : String.valueOf(p.value()));
      }
    }
    return out;
  }
}
