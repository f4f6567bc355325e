package org.moltx.fhir;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.ExpandRequest;
import org.moltx.engine.ExpandResult;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValueSets;
import org.moltx.store.TerminologyStore;

/** ValueSet/$expand, type and instance level. */
final class ExpandContract extends OperationContract {
  /** An expansion without count larger than this is refused as too costly (the ecosystem suite expects 1000). */
  static final int MAX_EXPANSION_SIZE = 1000;

  ExpandContract() {
    super("ValueSet", "$expand", List.of(param("url").notEchoed(), param("valueSet", Kind.RESOURCE).notEchoed(),
        param("valueSetVersion").notEchoed(), refused("context", IN_CONTEXT), refused("contextDirection", IN_CONTEXT),
        param("filter"),
        param("date"), param("offset", Kind.INTEGER), param("count", Kind.INTEGER), param("includeDesignations", Kind.BOOLEAN), param("designation").repeating(),
        param("includeDefinition", Kind.BOOLEAN), param("activeOnly", Kind.BOOLEAN), param("excludeNested", Kind.BOOLEAN), param("excludeNotForUI", Kind.BOOLEAN),
        param("excludePostCoordinated", Kind.BOOLEAN), param("displayLanguage"), param("exclude-system").repeating(),
        param("system-version").repeating().notEchoed(), param("check-system-version").repeating().notEchoed(),
        param("force-system-version").repeating(), param("property").repeating().notEchoed(),
        param("useSupplement").repeating().notEchoed(), param("default-valueset-version").repeating(),
        param("default-to-latest-version", Kind.BOOLEAN), param("_limit", Kind.INTEGER).notEchoed(), param("_incomplete", Kind.BOOLEAN).notEchoed(),
        param("incomplete-ok", Kind.BOOLEAN)));
  }

  record ExpandAnswer(ExpandResult result, ExpansionWriter.Options options) implements Answer {
    @Override
    public void write(FhirJson out, String diagnostics) {
      ExpansionWriter.write(out, result, options, diagnostics);
    }
  }

  @Override
  ExpandAnswer answer(ParamSource in, String id, Terminology terminology) {
    TerminologyStore content = RequestContent.store(in, terminology);
    ValueSet target = target(content, id, in.resource("valueSet", ValueSet.class), in.string("url"),
        in.string("valueSetVersion"));
    Supplements.Applied supplements = Supplements.apply(content, in.strings("useSupplement"), target);
    Integer count = in.integer("count");
    Integer offset = in.integer("offset");
    ExpandRequest req = new ExpandRequest(target, in.string("filter"), count, offset == null ? 0 : offset,
        in.flag("activeOnly", false), CodeSystemValidateContract.versionPolicy(in), limit(in),
        in.flag("incomplete-ok", false) || in.flag("_incomplete", false))
        .excluding(in.strings("exclude-system"), in.flag("excludeNotForUI", false));
    // moltx holds no post-coordinated codes: excludePostCoordinated, either way, is honoured as it stands
    List<String> properties = in.strings("property");
    String language = displayLanguage(in, target);
    List<ExpansionWriter.EchoedParameter> echo = echoed(in);
    if (language != null && echo.stream().noneMatch(e -> e.name().equals("displayLanguage"))) {
      echo.add(0, new ExpansionWriter.EchoedParameter("displayLanguage", new CodeType(language)));
    }
    // the value set's own expansion parameters are echoed too (its display language is above; versionsMatch is
    // echoed by the writer when codes were matched across versions)
    ValueSets.expansionParameters(target).forEach((name, value) -> {
      if (!name.equals("displayLanguage") && !name.equals("versionsMatch")
          && echo.stream().noneMatch(e -> e.name().equals(name))) {
        echo.add(new ExpansionWriter.EchoedParameter(name, value.equals("true") || value.equals("false")
            ? new BooleanType(value) : new StringType(value)));
      }
    });
    ExpandResult result = terminology.expand(supplements.store(), req);
    for (String used : supplements.usedBy(result.usedCodeSystems().stream().map(org.moltx.model.Canonical::urlOf).toList())) {
      echo.add(new ExpansionWriter.EchoedParameter("used-supplement", new UriType(used)));
    }
    List<String> designations = in.strings("designation");
    return new ExpandAnswer(result, new ExpansionWriter.Options(
        in.flag("includeDesignations", false) || !designations.isEmpty(), designations, properties,
        in.flag("excludeNested", false) || req.count() != null || searchesWholeSystem(req), language, echo, false,
        in.flag("includeDefinition", false)));
  }

  /** The most codes an expansion without count may have: the server's limit, or the client's _limit if lower. */
  private static int limit(ParamSource in) {
    Integer limit = in.integer("_limit");
    if (limit != null && limit < 0) {
      throw ErrorMapper.invalid("The parameter _limit must not be negative", "_limit");
    }
    return limit == null ? MAX_EXPANSION_SIZE : Math.min(MAX_EXPANSION_SIZE, limit);
  }

  /** A text filter over an include of a whole code system is a search: its hits come flat, as a search result. */
  private static boolean searchesWholeSystem(ExpandRequest req) {
    return req.filter() != null && req.valueSet().getCompose().getInclude().stream()
        .anyMatch(inc -> inc.hasSystem() && !inc.hasConcept() && !inc.hasFilter() && !inc.hasValueSet());
  }

  /** displayLanguage, else Accept-Language, else the value set's own expansion parameter or language. */
  static String displayLanguage(ParamSource in, ValueSet vs) {
    String language = in.displayLanguage();
    return language != null ? language : ValueSets.displayLanguage(vs);
  }

  /** The value set a request names: by instance id, inline, or by url (and version). */
  static ValueSet target(TerminologyStore store, String id, ValueSet inline, String url, String version) {
    if (id != null) {
      return store.valueSetById(id).orElseThrow(() -> new ResourceNotFoundException(new IdType("ValueSet", id)));
    }
    if (inline != null) {
      return inline;
    }
    if (url == null) {
      throw ErrorMapper.invalid("No value set given: supply url, valueSet, or use the instance level", "url");
    }
    return ValueSets.resolve(store, url, version);
  }

  /** The request's parameters that an expansion lists in expansion.parameter, with the types they came as. */
  private List<ExpansionWriter.EchoedParameter> echoed(ParamSource in) {
    List<ExpansionWriter.EchoedParameter> out = new ArrayList<>();
    Parameters body = in.body();
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (echoed(p.getName()) && p.getValue() != null) {
          if (!(p.getValue() instanceof PrimitiveType<?>)) {
            // every $expand parameter other than the value set itself is a simple value
            throw ErrorMapper.invalid("Parameter '" + p.getName() + "' must be a simple value, not a "
                + p.getValue().fhirType(), p.getName());
          }
          // a canonical (force-system-version, default-valueset-version) is echoed as the uri it is, as the ecosystem does
          out.add(new ExpansionWriter.EchoedParameter(p.getName(), p.getValue() instanceof org.hl7.fhir.r4.model.CanonicalType c
              ? new UriType(c.getValue()) : p.getValue()));
        }
      }
    }
    in.query().forEach((name, values) -> {
      if (echoed(name) && !name.startsWith("_")) {
        for (String v : values) {
          out.add(v.equals("true") || v.equals("false") ? ExpansionWriter.echo(name, Boolean.parseBoolean(v))
              : (name.equals("count") || name.equals("offset")) && v.matches("\\d{1,9}")
                  ? ExpansionWriter.echo(name, Integer.parseInt(v)) : ExpansionWriter.echo(name, v));
        }
      }
    });
    return out;
  }
}
