package org.moltx.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.engine.ExpandRequest;
import org.moltx.engine.ExpandResult;
import org.moltx.engine.Supplements;
import org.moltx.engine.Terminology;
import org.moltx.engine.ValueSets;
import org.moltx.engine.VersionPolicy;
import org.moltx.model.Canonical;
import org.moltx.store.TerminologyStore;

/** ValueSet/$expand, type and instance level, GET and POST. */
public final class ExpandOperation {
  static final Set<String> ACCEPTED = Set.of("url", "valueSet", "valueSetVersion", "context", "contextDirection",
      "filter", "date", "offset", "count", "includeDesignations", "designation", "includeDefinition", "activeOnly",
      "excludeNested", "excludeNotForUI", "excludePostCoordinated", "displayLanguage", "exclude-system",
      "system-version", "check-system-version", "force-system-version", "property", "useSupplement",
      "default-valueset-version", "default-to-latest-version", "_limit", "_incomplete", "incomplete-ok");
  /** Parameters that say what to expand rather than how: not echoed in expansion.parameter. */
  private static final Set<String> NOT_ECHOED = Set.of("url", "valueSet", "tx-resource", "uuid", "valueSetVersion",
      "property", "system-version", "check-system-version", "useSupplement", "cache-id", "diagnostics", "_limit",
      "_incomplete");

  private final Terminology terminology;
  private final int maxExpansionSize;

  public ExpandOperation(Terminology terminology, int maxExpansionSize) {
    this.terminology = terminology;
    this.maxExpansionSize = maxExpansionSize;
  }

  @Operation(name = "$expand", type = ValueSet.class, idempotent = true)
  public ValueSet expand(
      RequestDetails request,
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1, typeName = "uri") UriType url,
      @OperationParam(name = "valueSet", max = 1) ValueSet valueSet,
      @OperationParam(name = "valueSetVersion", max = 1) StringType valueSetVersion,
      @OperationParam(name = "filter", max = 1) StringType filter,
      @OperationParam(name = "offset", max = 1) IntegerType offset,
      @OperationParam(name = "count", max = 1) IntegerType count,
      @OperationParam(name = "includeDesignations", max = 1) BooleanType includeDesignations,
      @OperationParam(name = "activeOnly", max = 1) BooleanType activeOnly,
      @OperationParam(name = "excludeNested", max = 1) BooleanType excludeNested,
      @OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
      @OperationParam(name = "property") List<StringType> property,
      @OperationParam(name = "system-version", typeName = "canonical") List<UriType> systemVersion,
      @OperationParam(name = "check-system-version", typeName = "canonical") List<UriType> checkSystemVersion,
      @OperationParam(name = "force-system-version", typeName = "canonical") List<UriType> forceSystemVersion) {
    RequestParameters.requireKnown(request, ACCEPTED, "$expand");
    TerminologyStore content = RequestContent.store(request, terminology);
    ValueSet target = target(content, id, valueSet, OperationInput.string(request, "url"), Values.string(valueSetVersion));
    Supplements.Applied supplements = Supplements.apply(content, OperationInput.strings(request, "useSupplement"), target);
    TerminologyStore store = supplements.store();
    VersionPolicy versions = versionPolicy(request);
    ExpandRequest req = new ExpandRequest(target, Values.string(filter), count == null ? null : count.getValue(),
        offset == null || offset.getValue() == null ? 0 : offset.getValue(), Values.bool(activeOnly, false), versions,
        limit(request), OperationInput.flag(request, "incomplete-ok", false)
            || OperationInput.flag(request, "_incomplete", false));
    // includeDefinition alone adds nothing: R4 contains has no definition, and the ecosystem returns it only as the
    // R5 property a client asks for with property=definition
    List<String> properties = new ArrayList<>(OperationInput.strings(request, "property"));
    String language = displayLanguage(request, displayLanguage, target);
    List<ExpansionRenderer.EchoedParameter> echo = echoed(request);
    if (language != null && echo.stream().noneMatch(e -> e.name().equals("displayLanguage"))) {
      echo.add(0, new ExpansionRenderer.EchoedParameter("displayLanguage", new CodeType(language)));
    }
    // the value set's own expansion parameters are echoed too (its display language is above; versionsMatch is
    // echoed by the renderer when codes were matched across versions)
    ValueSets.expansionParameters(target).forEach((name, value) -> {
      if (!name.equals("displayLanguage") && !name.equals("versionsMatch") && echo.stream().noneMatch(e -> e.name().equals(name))) {
        echo.add(new ExpansionRenderer.EchoedParameter(name, value.equals("true") || value.equals("false")
            ? new BooleanType(value) : new StringType(value)));
      }
    });
    ExpandResult result = terminology.expand(store, req);
    for (String used : supplements.usedBy(result.usedCodeSystems().stream().map(Canonical::urlOf).toList())) {
      echo.add(new ExpansionRenderer.EchoedParameter("used-supplement", new UriType(used)));
    }
    List<String> designations = OperationInput.strings(request, "designation");
    ExpansionRenderer.Options options = new ExpansionRenderer.Options(
        Values.bool(includeDesignations, false) || !designations.isEmpty(), designations, properties,
        Values.bool(excludeNested, false) || req.count() != null || searchesWholeSystem(req), language, echo, false);
    return ExpansionRenderer.render(result, options);
  }

  /** The most codes an expansion without count may have: the server's limit, or the client's _limit if lower. */
  private int limit(RequestDetails request) {
    String limit = OperationInput.string(request, "_limit");
    if (limit == null) {
      return maxExpansionSize;
    }
    if (!limit.matches("\\d{1,9}")) {
      throw ErrorMapper.invalid("The parameter _limit must be a whole number, not '" + limit + "'", "_limit");
    }
    return Math.min(maxExpansionSize, Integer.parseInt(limit));
  }

  /** A text filter over an include of a whole code system is a search: its hits come flat, as a search result. */
  private static boolean searchesWholeSystem(ExpandRequest req) {
    return req.filter() != null && req.valueSet().getCompose().getInclude().stream()
        .anyMatch(inc -> inc.hasSystem() && !inc.hasConcept() && !inc.hasFilter() && !inc.hasValueSet());
  }

  /** displayLanguage, else Accept-Language, else the value set's own expansion parameter or language. */
  static String displayLanguage(RequestDetails request, CodeType param, ValueSet vs) {
    String language = Values.displayLanguage(request, param);
    return language != null ? language : ValueSets.displayLanguage(vs);
  }

  static ValueSet target(TerminologyStore store, IdType id, ValueSet inline, String url, String version) {
    if (id != null && id.hasIdPart()) {
      return store.valueSetById(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    }
    if (inline != null) {
      return inline;
    }
    if (url == null) {
      throw ErrorMapper.invalid("No value set given: supply url, valueSet, or use the instance level", "url");
    }
    return ValueSets.resolve(store, url, version);
  }

  /** system-version, check-system-version, force-system-version and default-valueset-version: lists of url|version. */
  static VersionPolicy versionPolicy(RequestDetails request) {
    return new VersionPolicy(versions(request, "system-version"), versions(request, "check-system-version"),
        versions(request, "force-system-version"), versions(request, "default-valueset-version"), true,
        OperationInput.flag(request, "default-to-latest-version", false));
  }

  private static Map<String, String> versions(RequestDetails request, String name) {
    Map<String, String> map = new HashMap<>();
    for (String v : OperationInput.strings(request, name)) {
      Canonical c = Canonical.parse(v);
      if (c.url().isEmpty() || !c.hasVersion()) {
        throw ErrorMapper.invalid(name + " must be system|version, not '" + v + "'", name);
      }
      map.put(c.url(), c.version());
    }
    return map;
  }

  private static List<ExpansionRenderer.EchoedParameter> echoed(RequestDetails request) {
    List<ExpansionRenderer.EchoedParameter> out = new ArrayList<>();
    Parameters body = RequestContent.body(request);
    if (body != null) {
      for (Parameters.ParametersParameterComponent p : body.getParameter()) {
        if (!NOT_ECHOED.contains(p.getName()) && p.getValue() != null) {
          if (!(p.getValue() instanceof org.hl7.fhir.r4.model.PrimitiveType<?>)) {
            // every $expand parameter other than the value set itself is a simple value
            throw ErrorMapper.invalid("Parameter '" + p.getName() + "' must be a simple value, not a "
                + p.getValue().fhirType(), p.getName());
          }
          out.add(new ExpansionRenderer.EchoedParameter(p.getName(), p.getValue()));
        }
      }
    }
    request.getParameters().forEach((name, values) -> {
      if (!NOT_ECHOED.contains(name) && !name.startsWith("_")) {
        for (String v : values) {
          out.add(v.equals("true") || v.equals("false") ? ExpansionRenderer.echo(name, Boolean.parseBoolean(v))
              : (name.equals("count") || name.equals("offset")) && v.matches("\\d{1,9}")
                  ? ExpansionRenderer.echo(name, Integer.parseInt(v)) : ExpansionRenderer.echo(name, v));
        }
      }
    });
    return out;
  }
}
