package org.moltx.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.moltx.engine.IndicationService;
import org.moltx.engine.Indications;
import org.moltx.engine.Indications.Indication;
import org.moltx.model.CodingValue;

/**
 * The decision of the indication services, per ServiceRequest of the draft orders whose code is a CPT code of the
 * indication content: supported by a reason on the order (no card), supported only by a problem-list diagnosis (info
 * card suggesting that diagnosis as the reason), or not supported (warning card; info in light mode).
 */
final class IndicationAdvisor {
  static final String DISCLAIMER = "Indication list is reference content, not a payer's coverage policy.";
  static final String TOPIC_SYSTEM = "http://moltx.org/cds-hooks/topic";
  static final String OVERRIDE_SYSTEM = "http://moltx.org/cds-hooks/override-reason";
  static final int SUMMARY_MAX = 139;
  private static final List<CdsJson.Coding> OVERRIDE_REASONS = List.of(
      new CdsJson.Coding(OVERRIDE_SYSTEM, "indication-elsewhere", "Indication documented elsewhere in the record"),
      new CdsJson.Coding(OVERRIDE_SYSTEM, "payer-covers", "The patient's payer covers this diagnosis for the test"),
      new CdsJson.Coding(OVERRIDE_SYSTEM, "clinical-judgment", "Clinically indicated: clinician's judgment"));
  private static final CdsJson.Coding TOPIC =
      new CdsJson.Coding(TOPIC_SYSTEM, "order-indication", "Diagnosis indication for an ordered test");

  /** Thrown when a decision needs the patient's Conditions and they cannot be had. */
  static final class ConditionsUnavailable extends RuntimeException {
    ConditionsUnavailable(String message) {
      super(message);
    }
  }

  private final IndicationService indications;
  private final FhirContext fhir;
  private final ObjectMapper mapper;

  IndicationAdvisor(IndicationService indications, FhirContext fhir, ObjectMapper mapper) {
    this.indications = indications;
    this.fhir = fhir;
    this.mapper = mapper;
  }

  /**
   * Cards for the draft orders.
   *
   * @param selections ids ("ServiceRequest/123") of the orders to look at; null: all of them
   * @param conditions the patient's active Conditions, asked for only when a decision needs them
   * @param light order-select: info cards only
   * @param base public base URL of this server, for the links
   */
  List<CdsJson.Card> advise(Bundle draftOrders, Set<String> selections, String patientId,
      Supplier<List<Condition>> conditions, boolean light, String base) {
    List<CdsJson.Card> cards = new ArrayList<>();
    List<Condition> problems = null;
    IndicationService.Catalog catalog = indications.catalog(); // one content for all the orders, even across a reload
    for (Bundle.BundleEntryComponent entry : draftOrders.getEntry()) {
      if (!(entry.getResource() instanceof ServiceRequest order) || !selected(order, entry, selections)) {
        continue;
      }
      for (Coding c : order.getCode().getCoding()) {
        if (!IndicationService.CPT.equals(catalog.canonicalSystem(c.getSystem())) || !c.hasCode()) {
          continue;
        }
        Indications ind = catalog.indicationsOf(c.getCode());
        if (ind.isEmpty()) {
          continue; // a code outside our content: nothing to say
        }
        List<Coding> reasons = reasons(order, draftOrders, problems);
        if (reasons.stream().anyMatch(r -> ind.covering(r.getCode()).isPresent())) {
          continue; // supported by the order's own reason
        }
        if (problems == null) {
          problems = conditions.get().stream().filter(p -> current(p, patientId)).toList();
          reasons = reasons(order, draftOrders, problems);
          if (reasons.stream().anyMatch(r -> ind.covering(r.getCode()).isPresent())) {
            continue; // a reasonReference to a Condition known only from the problem list
          }
        }
        Map<String, Indication> supporting = new LinkedHashMap<>();
        for (Condition p : problems) {
          for (Coding d : icd10cm(p.getCode())) {
            ind.covering(d.getCode()).ifPresent(i -> supporting.putIfAbsent(Indications.normalize(d.getCode()), i));
          }
        }
        cards.add(supporting.isEmpty()
            ? notSupported(order, ind, reasons, problems, light, base)
            : supportedByProblemList(order, ind, supporting, base));
      }
    }
    return cards;
  }

  private static boolean selected(ServiceRequest order, Bundle.BundleEntryComponent entry, Set<String> selections) {
    if (selections == null) {
      return true;
    }
    String id = order.getIdElement().getIdPart();
    return (id != null && selections.contains("ServiceRequest/" + id))
        || (entry.hasFullUrl() && selections.contains(entry.getFullUrl()));
  }

  /** Active, not refuted, and about this patient (when the Condition names one). */
  private static boolean current(Condition c, String patientId) {
    String status = c.getClinicalStatus().getCodingFirstRep().getCode();
    if (status != null && !Set.of("active", "recurrence", "relapse").contains(status)) {
      return false;
    }
    String verification = c.getVerificationStatus().getCodingFirstRep().getCode();
    if ("entered-in-error".equals(verification) || "refuted".equals(verification)) {
      return false;
    }
    String subject = c.getSubject().getReferenceElement().getIdPart();
    return patientId == null || subject == null || !"Patient".equals(c.getSubject().getReferenceElement().getResourceType())
        || patientId.equals(subject);
  }

  /** ICD-10-CM codings of the order's reasonCode and of the Conditions its reasonReference points to. */
  private List<Coding> reasons(ServiceRequest order, Bundle bundle, List<Condition> problems) {
    List<Coding> reasons = new ArrayList<>();
    order.getReasonCode().forEach(cc -> reasons.addAll(icd10cm(cc)));
    for (Reference ref : order.getReasonReference()) {
      resolve(ref, order, bundle, problems).ifPresent(c -> reasons.addAll(icd10cm(c.getCode())));
    }
    return reasons;
  }

  private static Optional<Condition> resolve(Reference ref, ServiceRequest order, Bundle bundle, List<Condition> problems) {
    if (ref.getResource() instanceof Condition c) {
      return Optional.of(c);
    }
    String r = ref.getReference();
    if (r == null) {
      return Optional.empty();
    }
    if (r.startsWith("#")) {
      return order.getContained().stream().filter(x -> x instanceof Condition && r.substring(1).equals(x.getIdElement().getIdPart()))
          .map(Condition.class::cast).findFirst();
    }
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      if (e.getResource() instanceof Condition c && (r.equals(e.getFullUrl()) || sameId(r, c))) {
        return Optional.of(c);
      }
    }
    if (problems != null) {
      return problems.stream().filter(c -> sameId(r, c)).findFirst();
    }
    return Optional.empty();
  }

  private static boolean sameId(String reference, Resource r) {
    String id = r.getIdElement().getIdPart();
    return id != null && (reference.equals("Condition/" + id) || reference.endsWith("/Condition/" + id));
  }

  /** The ICD-10-CM codings, by the canonical or an alias the served content knows. */
  private List<Coding> icd10cm(CodeableConcept cc) {
    IndicationService.Catalog catalog = indications.catalog();
    return cc.getCoding().stream()
        .filter(c -> c.hasCode() && IndicationService.ICD10CM.equals(catalog.canonicalSystem(c.getSystem())))
        .toList();
  }

  // ---- cards

  private CdsJson.Card supportedByProblemList(ServiceRequest order, Indications ind, Map<String, Indication> supporting,
      String base) {
    String cpt = ind.order().code();
    List<CdsJson.Suggestion> suggestions = new ArrayList<>();
    StringBuilder detail = new StringBuilder();
    boolean first = true;
    for (Map.Entry<String, Indication> s : supporting.entrySet()) {
      String code = s.getKey();
      String title = title(ind, code);
      if (first) {
        detail.append("The patient's problem list has **").append(md(code)).append("** ").append(md(title))
            .append(", a listed indication for **CPT ").append(md(cpt)).append("**").append(cptTitle(ind))
            .append(", but the order does not give it as its reason.");
        first = false;
      } else {
        detail.append("\n\nAlso on the problem list and a listed indication: **").append(md(code)).append("** ").append(md(title)).append('.');
      }
      Indication via = s.getValue();
      if (!via.diagnosis().code().equals(code)) {
        detail.append(" (It is an indication as a code of category ").append(md(via.diagnosis().code())).append(' ')
            .append(md(via.diagnosis().display())).append(".)");
      }
      suggestions.add(new CdsJson.Suggestion("Add " + code + " " + title + " as the order's reason",
          UUID.randomUUID().toString(), suggestions.isEmpty(), List.of(new CdsJson.Action("update",
              "Add ICD-10-CM " + code + " to the reasonCode of the ServiceRequest for CPT " + cpt,
              withReason(order, code, title)))));
    }
    detail.append("\n\nAdding it as the order's reason documents why the test is ordered.\n\n").append(DISCLAIMER);
    String first1 = supporting.keySet().iterator().next();
    return new CdsJson.Card(UUID.randomUUID().toString(),
        summary("Problem-list diagnosis " + first1 + " supports CPT " + cpt + ": add it as the order's reason?"),
        detail.toString(), "info", source(base), suggestions, "at-most-one", null, links(ind, base));
  }

  private CdsJson.Card notSupported(ServiceRequest order, Indications ind, List<Coding> reasons, List<Condition> problems,
      boolean light, String base) {
    String cpt = ind.order().code();
    StringBuilder detail = new StringBuilder();
    detail.append("No diagnosis on the order or on the patient's problem list is a listed indication for **CPT ")
        .append(md(cpt)).append("**").append(cptTitle(ind)).append(".\n\n");
    List<String> considered = new ArrayList<>();
    reasons.forEach(r -> considered.add(md(r.getCode()) + " " + md(orEmpty(title(ind, r.getCode()), r.getDisplay())) + " (order)"));
    for (Condition p : problems) {
      icd10cm(p.getCode()).forEach(d -> considered.add(md(d.getCode()) + " " + md(orEmpty(title(ind, d.getCode()), d.getDisplay()))
          + " (problem list)"));
    }
    detail.append(considered.isEmpty() ? "No ICD-10-CM diagnosis was found on the order or the problem list."
        : "ICD-10-CM diagnoses considered: " + String.join("; ", considered.stream().distinct().toList()) + ".");
    detail.append("\n\nAccepted indications (ICD-10-CM):\n");
    for (Indication i : ind.accepted()) {
      detail.append("\n- **").append(md(i.diagnosis().code())).append("** ").append(md(i.diagnosis().display()));
      if (i.category()) {
        detail.append(", and every code below it");
      }
    }
    detail.append("\n\n").append(DISCLAIMER);
    String summary = light
        ? "CPT " + cpt + ": no listed indication among the patient's diagnoses so far"
        : "CPT " + cpt + " has no listed indication among the order's or problem-list diagnoses";
    return new CdsJson.Card(UUID.randomUUID().toString(), summary(summary), detail.toString(), light ? "info" : "warning",
        source(base), null, null, light ? null : OVERRIDE_REASONS, links(ind, base));
  }

  private JsonNode withReason(ServiceRequest order, String code, String title) {
    ServiceRequest updated = order.copy();
    updated.addReasonCode(new CodeableConcept(new Coding(IndicationService.ICD10CM, code, title)).setText(title));
    try {
      // a parser per use: HAPI parsers are not to be shared between threads
      return mapper.readTree(fhir.newJsonParser().encodeResourceToString(updated));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String title(Indications ind, String code) {
    String t = ind.icd10cmDisplay(code);
    return t == null ? "" : t;
  }

  private static String orEmpty(String official, String given) {
    return !official.isEmpty() ? official : given == null ? "" : given;
  }

  private static String cptTitle(Indications ind) {
    CodingValue o = ind.order();
    return o.display() == null ? "" : " (" + md(o.display()) + ")";
  }

  private static CdsJson.Source source(String base) {
    return new CdsJson.Source("moltx terminology: CPT to ICD-10-CM indications",
        base + "/fhir/ConceptMap/cpt-icd10cm-indications", TOPIC);
  }

  private static List<CdsJson.Link> links(Indications ind, String base) {
    if (ind.valueSetId() == null) {
      return null;
    }
    return List.of(new CdsJson.Link("ICD-10-CM indications for CPT " + ind.order().code(),
        base + "/fhir/ValueSet/" + ind.valueSetId(), "absolute"));
  }

  static String summary(String s) {
    return s.length() <= SUMMARY_MAX ? s : s.substring(0, SUMMARY_MAX - 1) + "\u2026";
  }

  /** Markdown-escapes text from content or from the client. */
  static String md(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      if ("\\`*_[]<>#|".indexOf(ch) >= 0) {
        b.append('\\');
      }
      b.append(ch == '\n' || ch == '\r' ? ' ' : ch);
    }
    return b.toString();
  }
}
