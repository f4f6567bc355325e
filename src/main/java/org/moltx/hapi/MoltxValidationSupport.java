package org.moltx.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.moltx.fhir.InProcess;
import org.moltx.engine.LookupResult;
import org.moltx.engine.Problem;
import org.moltx.engine.ResultProperty;
import org.moltx.engine.Terminology;
import org.moltx.engine.TerminologyException;
import org.moltx.engine.ValidateResult;
import org.moltx.engine.ValidationIssue;
import org.moltx.fhir.PropertyValues;
import org.moltx.model.Canonical;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.CodingValue;
import org.moltx.model.Designation;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/**
 * moltx as a HAPI {@link IValidationSupport}, in process: put it in a {@code ValidationSupportChain} where a
 * {@code RemoteTerminologyServiceValidationSupport} pointed at a moltx server would go, and a {@code FhirValidator}
 * gives the same verdicts without the HTTP hop. Answers only for the code systems and value sets moltx holds (null
 * otherwise, so the chain asks the next support).
 *
 * <p>Results follow what moltx's $validate-code answers on the wire: a wrong display is an error for ICD-10-CM and a
 * warning for CPT (whose displays are paraphrases, unless a licensee loaded the AMA descriptor file), an unknown code
 * is an error, and each finding comes with its OperationOutcome issue type and tx-issue-type code.
 *
 * <p>{@link #fetchCodeSystem} returns the authored code systems whole, and the large official releases (ICD-10-CM)
 * as a concept-less shell with content {@code not-present}: HAPI's in-memory support then leaves those codes to
 * {@link #validateCode} instead of building a 98,000-concept resource.
 */
public final class MoltxValidationSupport implements IValidationSupport {
  /** Releases larger than this are fetched without their concepts (the FHIR layer's search limit). */
  static final int CONCEPT_LIMIT = 10_000;

  private final FhirContext fhirContext;
  private final Terminology terminology;

  public MoltxValidationSupport(FhirContext fhirContext, Terminology terminology) {
    this.fhirContext = Objects.requireNonNull(fhirContext);
    this.terminology = Objects.requireNonNull(terminology);
  }

  @Override
  public FhirContext getFhirContext() {
    return fhirContext;
  }

  @Override
  public String getName() {
    return "moltx";
  }

  @Override
  public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
    return system != null && !terminology.store().codeSystemVersions(url(system)).isEmpty();
  }

  @Override
  public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
    return valueSet(terminology.store(), valueSetUrl) != null;
  }

  @Override
  public IBaseResource fetchCodeSystem(String system) {
    if (system == null) {
      return null;
    }
    List<StoredCodeSystem> versions = terminology.store().codeSystemVersions(url(system));
    String version = version(system);
    StoredCodeSystem stored = versions.stream()
        .filter(s -> version == null || version.equals(s.release().version())).findFirst().orElse(null);
    if (stored == null) {
      return null;
    }
    if (stored.resource() != null && stored.release().size() <= CONCEPT_LIMIT) {
      return stored.resource().copy();
    }
    return shell(stored.release());
  }

  @Override
  public IBaseResource fetchValueSet(String valueSetUrl) {
    ValueSet vs = valueSet(terminology.store(), valueSetUrl);
    return vs == null ? null : vs.copy();
  }

  @Override
  public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
      String system, String code, String display, String valueSetUrl) {
    if (code == null || code.isBlank()) {
      return null;
    }
    TerminologyStore store = terminology.store();
    ValueSet vs = null;
    if (valueSetUrl != null) {
      vs = valueSet(store, valueSetUrl);
      if (vs == null) {
        return null;
      }
    } else if (system == null || store.codeSystemVersions(url(system)).isEmpty()) {
      return null;
    }
    return validate(store, vs, system, code, display, options);
  }

  @Override
  public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context,
      ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
    if (code == null || code.isBlank() || !(valueSet instanceof ValueSet vs)) {
      return null;
    }
    TerminologyStore store = terminology.store();
    // only value sets whose code systems moltx holds: anything else is for another support in the chain
    boolean ours = vs.getCompose().getInclude().stream().allMatch(inc -> inc.hasSystem()
        ? !store.codeSystemVersions(inc.getSystem()).isEmpty()
        : inc.getValueSet().stream().allMatch(v -> valueSet(store, v.getValue()) != null));
    if (!ours || !vs.getCompose().hasInclude()) {
      return null;
    }
    return validate(store, vs, system, code, display, options);
  }

  @Override
  public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
    String system = request.getSystem();
    TerminologyStore store = terminology.store();
    if (system == null || request.getCode() == null || store.codeSystemVersions(url(system)).isEmpty()) {
      return null;
    }
    List<String> properties = request.getPropertyNames() == null ? List.of() : List.copyOf(request.getPropertyNames());
    Parameters lookup = new Parameters();
    lookup.addParameter("system", new UriType(url(system)));
    if (version(system) != null) {
      lookup.addParameter("version", new StringType(version(system)));
    }
    lookup.addParameter("code", new CodeType(request.getCode()));
    if (request.getDisplayLanguage() != null) {
      lookup.addParameter("displayLanguage", new CodeType(request.getDisplayLanguage()));
    }
    properties.forEach(p -> lookup.addParameter("property", new CodeType(p)));
    LookupResult found;
    try {
      found = InProcess.lookup(terminology, lookup);
    } catch (TerminologyException e) {
      if (e.problem() == Problem.UNKNOWN_CODE) {
        return LookupCodeResult.notFound(system, request.getCode()).setErrorMessage(e.getMessage());
      }
      throw e;
    }
    LookupCodeResult result = new LookupCodeResult();
    result.setFound(true);
    result.setSearchedForSystem(system);
    result.setSearchedForCode(request.getCode());
    result.setCodeDisplay(found.display());
    result.setCodeSystemDisplayName(found.systemName());
    result.setCodeSystemVersion(found.release().version());
    result.setCodeIsAbstract(found.isAbstract());
    for (Designation d : found.designations()) {
      ConceptDesignation out = new ConceptDesignation().setLanguage(d.language()).setValue(d.value());
      if (d.use() != null) {
        out.setUseSystem(d.use().system()).setUseCode(d.use().code()).setUseDisplay(d.use().display());
      }
      result.getDesignations().add(out);
    }
    for (ResultProperty p : found.properties()) {
      result.getProperties().add(property(found.release(), p));
    }
    return result;
  }

  private CodeValidationResult validate(TerminologyStore store, ValueSet vs, String system, String code,
      String display, ConceptValidationOptions options) {
    // the request the remote path sends, through the same contract: the code system (url) or the value set, code,
    // display
    Parameters request = new Parameters();
    if (vs != null) {
      request.addParameter().setName("valueSet").setResource(vs);
      if (system != null) {
        request.addParameter("system", new UriType(url(system)));
      }
      if (options != null && options.isInferSystem()) {
        request.addParameter("inferSystem", new BooleanType(true));
      }
    } else {
      request.addParameter("url", new UriType(url(system)));
    }
    if (version(system) != null) {
      request.addParameter(vs != null ? "systemVersion" : "version", new StringType(version(system)));
    }
    request.addParameter("code", new CodeType(code));
    if (display != null) {
      request.addParameter("display", new StringType(display));
    }
    ValidateResult r;
    try {
      r = vs != null ? InProcess.validateInValueSet(terminology, request)
          : InProcess.validateInCodeSystem(terminology, request);
    } catch (TerminologyException | ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
      return new CodeValidationResult().setSeverity(IssueSeverity.ERROR).setMessage(e.getMessage())
          .addIssue(new CodeValidationIssue(e.getMessage(), IssueSeverity.ERROR, "invalid"));
    }
    return toResult(r, code);
  }

  /** The engine's verdict as HAPI's CodeValidationResult, as the remote support reads moltx's $validate-code. */
  static CodeValidationResult toResult(ValidateResult r, String requestedCode) {
    CodeValidationResult out = new CodeValidationResult();
    if (r.result()) {
      out.setCode(r.code() != null ? r.code() : requestedCode);
    }
    out.setDisplay(r.display());
    out.setCodeSystemVersion(r.version());
    List<CodeValidationIssue> issues = new ArrayList<>();
    for (ValidationIssue i : r.issues()) {
      CodeValidationIssue issue = new CodeValidationIssue(i.text(), IssueSeverity.fromCode(i.severity()), i.type());
      CodeValidationIssueDetails details = new CodeValidationIssueDetails(i.text());
      if (i.txType() != null) {
        details.addCoding(CodeValidationIssueCoding.TX_ISSUE_SYSTEM, i.txType());
      }
      issue.setDetails(details);
      issues.add(issue);
    }
    out.setIssues(issues);
    if (!r.result()) {
      out.setSeverity(IssueSeverity.ERROR);
      out.setMessage(r.message());
    } else {
      // a valid code with a finding (a CPT display that differs, an inactive concept): a warning, as HAPI's own
      // in-memory support reports a display mismatch
      r.issues().stream().filter(i -> i.severity().equals("warning")).findFirst().ifPresent(w -> {
        out.setSeverity(IssueSeverity.WARNING);
        out.setMessage(r.message());
      });
    }
    return out;
  }

  /**
   * A property as HAPI's lookup result holds it, converted as everywhere else ({@link PropertyValues}): HAPI has
   * boolean, Coding and string properties only, so a code becomes a Coding of the code system, and a number or a
   * dateTime its text.
   */
  private static BaseConceptProperty property(CodeSystemRelease release, ResultProperty p) {
    Object v = PropertyValues.jsonValue(p);
    return switch (PropertyValues.kind(p)) {
      case BOOLEAN -> new BooleanConceptProperty(p.code(), (Boolean) v);
      case CODING -> new CodingConceptProperty(p.code(), ((CodingValue) v).system(), ((CodingValue) v).code(),
          ((CodingValue) v).display());
      case CODE -> new CodingConceptProperty(p.code(), release.url(), (String) v, p.description());
      default -> new StringConceptProperty(p.code(), String.valueOf(v));
    };
  }

  /** A code system's metadata without its concepts: content not-present, count the number of concepts. */
  static CodeSystem shell(CodeSystemRelease release) {
    CodeSystemInfo info = release.info();
    CodeSystem cs = new CodeSystem();
    cs.setId(info.id());
    cs.setUrl(info.url()).setVersion(info.version()).setName(info.name()).setTitle(info.title())
        .setPublisher(info.publisher()).setDescription(info.description()).setCopyright(info.copyright());
    cs.setStatus(info.status() == null ? PublicationStatus.ACTIVE : PublicationStatus.fromCode(info.status()));
    cs.setCaseSensitive(info.caseSensitive());
    cs.setContent(CodeSystem.CodeSystemContentMode.NOTPRESENT);
    cs.setCount(release.size());
    return cs;
  }

  private static ValueSet valueSet(TerminologyStore store, String canonical) {
    if (canonical == null) {
      return null;
    }
    String version = version(canonical);
    return store.valueSetVersions(url(canonical)).stream()
        .filter(v -> version == null || version.equals(v.getVersion())).findFirst().orElse(null);
  }

  /** The url of a canonical that may carry {@code |version}. */
  private static String url(String canonical) {
    return Canonical.urlOf(canonical);
  }

  /** The version a canonical names, or null. */
  private static String version(String canonical) {
    Canonical c = Canonical.parse(canonical);
    return c != null && c.hasVersion() ? c.version() : null;
  }
}
