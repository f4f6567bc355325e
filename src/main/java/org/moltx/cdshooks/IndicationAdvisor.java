package org.moltx.cdshooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.moltx.cdshooks.CdsResources.Code;
import org.moltx.cdshooks.CdsResources.Order;
import org.moltx.cdshooks.CdsResources.Problem;
import org.moltx.engine.IndicationService;
import org.moltx.engine.Indications;
import org.moltx.engine.Indications.Indication;
import org.moltx.engine.RandomIds;
import org.moltx.model.CodingValue;

/**
 * The cards of the indication services, per ServiceRequest of the draft orders whose code is a CPT code of the
 * indication content: supported by a reason on the order (no card), supported only by a problem-list diagnosis (info
 * card suggesting that diagnosis as the reason), or not supported (warning card; info in light mode). Whether
 * diagnoses support a test is the one decision of {@link org.moltx.engine.OrderCheck}, shared with the order check
 * page.
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

  IndicationAdvisor(IndicationService indications) {
    this.indications = indications;
  }

  /**
   * Cards for the draft orders.
   *
   * @param draftOrders the ServiceRequests and Conditions of context.draftOrders
   * @param selections ids ("ServiceRequest/123") of the orders to look at; null: all of them
   * @param conditions the patient's active Conditions, asked for only when a decision needs them
   * @param light order-select: info cards only
   * @param base public base URL of this server, for the links
   */
  List<CdsJson.Card> advise(CdsResources.Entries draftOrders, Set<String> selections, String patientId,
      Supplier<List<Problem>> conditions, boolean light, String base) {
    List<CdsJson.Card> cards = new ArrayList<>();
    List<Problem> problems = null;
    IndicationService.Catalog catalog = indications.catalog(); // one content for all the orders, even across a reload
    for (Order order : draftOrders.orders()) {
      if (!selected(order, selections)) {
        continue;
      }
      for (Code c : order.codes()) {
        if (!IndicationService.CPT.equals(catalog.canonicalSystem(c.system())) || !hasText(c.code())) {
          continue;
        }
        Indications ind = catalog.indicationsOf(c.code());
        if (ind.isEmpty()) {
          continue; // a code outside our content: nothing to say
        }
        List<Code> reasons = reasons(catalog, order, draftOrders, problems);
        if (ind.check(codes(reasons)).supported()) {
          continue; // supported by the order's own reason
        }
        if (problems == null) {
          problems = conditions.get().stream().filter(p -> current(p, patientId)).toList();
          reasons = reasons(catalog, order, draftOrders, problems);
          if (ind.check(codes(reasons)).supported()) {
            continue; // a reasonReference to a Condition known only from the problem list
          }
        }
        Map<String, Indication> supporting = new LinkedHashMap<>();
        for (Problem p : problems) {
          for (Code d : icd10cm(catalog, p.codes())) {
            ind.covering(d.code()).ifPresent(i -> supporting.putIfAbsent(Indications.normalize(d.code()), i));
          }
        }
        cards.add(supporting.isEmpty()
            ? notSupported(catalog, ind, reasons, problems, light, base)
            : supportedByProblemList(order, ind, supporting, base));
      }
    }
    return cards;
  }

  private static List<String> codes(List<Code> codes) {
    return codes.stream().map(Code::code).toList();
  }

  private static boolean selected(Order order, Set<String> selections) {
    return selections == null
        || (order.id() != null && selections.contains("ServiceRequest/" + order.id()))
        || (order.fullUrl() != null && selections.contains(order.fullUrl()));
  }

  /** Active, not refuted, and about this patient (when the Condition names one). */
  private static boolean current(Problem c, String patientId) {
    String status = c.clinicalStatus();
    if (status != null && !Set.of("active", "recurrence", "relapse").contains(status)) {
      return false;
    }
    String verification = c.verificationStatus();
    if ("entered-in-error".equals(verification) || "refuted".equals(verification)) {
      return false;
    }
    return patientId == null || c.subjectId() == null || !"Patient".equals(c.subjectType())
        || patientId.equals(c.subjectId());
  }

  /** ICD-10-CM codings of the order's reasonCode and of the Conditions its reasonReference points to. */
  private static List<Code> reasons(IndicationService.Catalog catalog, Order order, CdsResources.Entries bundle,
      List<Problem> problems) {
    List<Code> reasons = new ArrayList<>();
    order.reasonCodes().forEach(cc -> reasons.addAll(icd10cm(catalog, cc)));
    for (String ref : order.reasonReferences()) {
      resolve(ref, order, bundle, problems).ifPresent(c -> reasons.addAll(icd10cm(catalog, c.codes())));
    }
    return reasons;
  }

  private static Optional<Problem> resolve(String ref, Order order, CdsResources.Entries bundle,
      List<Problem> problems) {
    if (ref.startsWith("#")) {
      String id = ref.substring(1);
      return order.contained().stream().filter(c -> id.equals(c.id())).findFirst();
    }
    Optional<Problem> inBundle = bundle.conditions().stream().filter(c -> c.isNamedBy(ref)).findFirst();
    if (inBundle.isPresent() || problems == null) {
      return inBundle;
    }
    return problems.stream().filter(c -> c.isNamedBy(ref)).findFirst();
  }

  /** The ICD-10-CM codings, under any name the served content gives ICD-10-CM (an OID, a NamingSystem alias). */
  private static List<Code> icd10cm(IndicationService.Catalog catalog, List<Code> codings) {
    return codings.stream()
        .filter(c -> hasText(c.code()) && IndicationService.ICD10CM.equals(catalog.canonicalSystem(c.system())))
        .toList();
  }

  private static boolean hasText(String s) {
    return s != null && !s.isEmpty();
  }

  // ---- cards

  private CdsJson.Card supportedByProblemList(Order order, Indications ind, Map<String, Indication> supporting,
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
          RandomIds.uuid().toString(), suggestions.isEmpty(), List.of(new CdsJson.Action("update",
              "Add ICD-10-CM " + code + " to the reasonCode of the ServiceRequest for CPT " + cpt,
              order.withReasonCode(IndicationService.ICD10CM, code, title)))));
    }
    detail.append("\n\nAdding it as the order's reason documents why the test is ordered.\n\n").append(DISCLAIMER);
    String first1 = supporting.keySet().iterator().next();
    return new CdsJson.Card(RandomIds.uuid().toString(),
        summary("Problem-list diagnosis " + first1 + " supports CPT " + cpt + ": add it as the order's reason?"),
        detail.toString(), "info", source(base), suggestions, "at-most-one", null, links(ind, base));
  }

  private CdsJson.Card notSupported(IndicationService.Catalog catalog, Indications ind, List<Code> reasons,
      List<Problem> problems, boolean light, String base) {
    String cpt = ind.order().code();
    StringBuilder detail = new StringBuilder();
    detail.append("No diagnosis on the order or on the patient's problem list is a listed indication for **CPT ")
        .append(md(cpt)).append("**").append(cptTitle(ind)).append(".\n\n");
    List<String> considered = new ArrayList<>();
    reasons.forEach(r -> considered.add(md(r.code()) + " " + md(orEmpty(title(ind, r.code()), r.display())) + " (order)"));
    for (Problem p : problems) {
      icd10cm(catalog, p.codes()).forEach(d -> considered.add(md(d.code()) + " " + md(orEmpty(title(ind, d.code()), d.display()))
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
    return new CdsJson.Card(RandomIds.uuid().toString(), summary(summary), detail.toString(), light ? "info" : "warning",
        source(base), null, null, light ? null : OVERRIDE_REASONS, links(ind, base));
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
