package org.moltx.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.moltx.engine.Terminology;

/**
 * One terminology operation, declared once: the parameters it takes (each supported, or refused with the reason),
 * how it reads them from a {@link ParamSource}, the engine's typed answer, and how that answer is written. The
 * direct path, HAPI's @Operation methods, batch entries and the published capabilities all go through it.
 */
abstract class OperationContract {
  /** What a parameter's value is: the FHIR types a Parameters body may carry it as. */
  enum Kind {
    TEXT(Set.of("string", "code", "uri", "url", "canonical", "id", "oid", "uuid", "markdown", "dateTime", "date")),
    BOOLEAN(Set.of("boolean")),
    INTEGER(Set.of("integer", "positiveInt", "unsignedInt")),
    CODING(Set.of("Coding")),
    CODEABLE_CONCEPT(Set.of("CodeableConcept")),
    RESOURCE(Set.of());

    private final Set<String> types;

    Kind(Set<String> types) {
      this.types = types;
    }
  }

  /**
   * One parameter: its kind; {@code repeatable} when it may be given more than once; {@code refusal} the reason it
   * is not supported (null: supported); {@code echoed} when an expansion lists it in expansion.parameter.
   */
  record Param(String name, Kind kind, boolean repeatable, String refusal, boolean echoed) {
    Param repeating() {
      return new Param(name, kind, true, refusal, echoed);
    }

    Param notEchoed() {
      return new Param(name, kind, repeatable, refusal, false);
    }

    Param of(Kind k) {
      return new Param(name, k, repeatable, refusal, echoed && k != Kind.RESOURCE);
    }
  }

  /** A typed answer of the engine that knows how to write itself as FHIR JSON. */
  interface Answer {
    void write(FhirJson out, String diagnostics);
  }

  /**
   * Accepted by every terminology operation: formatting; tx-resource and the client cache (cache-id, ClientCaches);
   * diagnostics (Diagnostics); profile-url, which the HL7 validator sends on every call to name its own parameter set
   * (a relic of R3 expansion profiles: moltx holds none, so it changes nothing but the diagnostics).
   */
  static final List<Param> GENERAL = List.of(param("_format").notEchoed(), param("_pretty", Kind.BOOLEAN).notEchoed(),
      param("_summary").notEchoed(), param("_elements").repeating().notEchoed(),
      param("tx-resource", Kind.RESOURCE).repeating().notEchoed(), param("uuid").notEchoed(),
      param("cache-id").notEchoed(), param("diagnostics", Kind.BOOLEAN).notEchoed(),
      param("profile-url").notEchoed());

  private final String resourceType;
  private final String operation;
  /** The operation's own parameters, without the general ones. */
  private final List<Param> params;
  /** Its own and the general ones, by name. */
  private final Map<String, Param> byName;

  OperationContract(String resourceType, String operation, List<Param> params) {
    this.resourceType = resourceType;
    this.operation = operation;
    this.params = List.copyOf(params);
    this.byName = index(params);
  }

  static Param param(String name) {
    return new Param(name, Kind.TEXT, false, null, true);
  }

  static Param param(String name, Kind kind) {
    return param(name).of(kind);
  }

  /** Why moltx refuses context and contextDirection, which FHIR defines for $expand and $validate-code. */
  static final String IN_CONTEXT = "moltx does not evaluate value set bindings in context";

  static Param refused(String name, String reason) {
    return new Param(name, Kind.TEXT, false, reason, false);
  }

  String resourceType() {
    return resourceType;
  }

  /** The name with its $, e.g. $lookup. */
  String operation() {
    return operation;
  }

  /** The operation's own supported parameters (without the general ones), in declaration order. */
  List<String> supported() {
    return params.stream().filter(p -> p.refusal() == null).map(Param::name).toList();
  }

  /** Whether an expansion lists the parameter in expansion.parameter. */
  boolean echoed(String name) {
    Param p = byName.get(name);
    return p != null && p.echoed();
  }

  /**
   * The request names only parameters this operation takes, each at most as often as it may be given; a parameter
   * nobody defines, or one moltx refuses, is a 400 naming it.
   */
  void check(ParamSource in) {
    check(operation, params, byName, in);
  }

  /** The check for an operation outside the pipeline ($versions, $cache-control): its parameters and the general ones. */
  static void check(String operation, List<Param> own, ParamSource in) {
    check(operation, own, index(own), in);
  }

  /** The general parameters and an operation's own, by name. */
  private static Map<String, Param> index(List<Param> own) {
    Map<String, Param> byName = new HashMap<>();
    GENERAL.forEach(p -> byName.put(p.name(), p));
    own.forEach(p -> byName.put(p.name(), p));
    return Map.copyOf(byName);
  }

  /** Only the parameters the request names are looked at: the check costs what the request sends, not the contract. */
  private static void check(String operation, List<Param> own, Map<String, Param> byName, ParamSource in) {
    Map<String, Integer> counts = in.counts();
    if (counts.containsKey("")) {
      throw ErrorMapper.invalid(operation + ": a parameter of the Parameters resource has no name", "name");
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : counts.keySet()) {
      Param p = byName.get(name);
      if (p == null) {
        unknown.add(name);
      } else if (p.refusal() != null) {
        throw ErrorMapper.notSupported(operation + ": the parameter " + name + " is not supported: " + p.refusal(),
            name);
      }
    }
    if (!unknown.isEmpty()) {
      Set<String> accepted = new TreeSet<>();
      own.stream().filter(p -> p.refusal() == null).forEach(p -> accepted.add(p.name()));
      throw ErrorMapper.invalid(operation + " does not accept the parameter" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; it accepts " + String.join(", ", accepted), unknown.iterator().next());
    }
    counts.forEach((name, count) -> {
      Param p = byName.get(name);
      if (count > 1 && !p.repeatable()) {
        throw ErrorMapper.invalid(operation + ": the parameter " + name + " is given " + count
            + " times; it may be given once", name);
      }
      // a simple value in the query string is text until it says otherwise: booleans and integers must be ones
      if (p.kind() == Kind.BOOLEAN) {
        in.flag(name, false);
      } else if (p.kind() == Kind.INTEGER) {
        in.integer(name);
      }
    });
    if (in.body() != null) {
      for (org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent p : in.body().getParameter()) {
        Kind kind = byName.get(p.getName()).kind();
        boolean fits = kind == Kind.RESOURCE ? p.getResource() != null && p.getValue() == null
            : p.getResource() == null && p.getValue() != null && kind.types.contains(p.getValue().fhirType());
        if (!fits) {
          throw ErrorMapper.invalid(operation + ": the parameter " + p.getName() + " must be " + describe(kind)
              + ", not " + (p.getResource() != null ? "a resource" : p.getValue() == null ? "empty"
                  : "a " + p.getValue().fhirType()), p.getName());
        }
      }
    }
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case TEXT -> "a simple value (string, code, uri...)";
      case BOOLEAN -> "a boolean";
      case INTEGER -> "an integer";
      case CODING -> "a Coding";
      case CODEABLE_CONCEPT -> "a CodeableConcept";
      case RESOURCE -> "a resource";
    };
  }


  /** Checks the parameters, reads them and answers; {@code id} is the instance the request names, or null. */
  final Answer run(ParamSource in, String id, Terminology terminology) {
    check(in);
    return answer(in, id, terminology);
  }

  /** Reads the checked parameters and answers from the engine. */
  abstract Answer answer(ParamSource in, String id, Terminology terminology);
}
