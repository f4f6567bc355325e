package org.moltx.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.moltx.engine.IndicationService;
import org.moltx.engine.Indications;
import org.moltx.engine.OrderCheck;
import org.moltx.store.TerminologyStore;

/**
 * {@code /check?code=CPT&diagnosis=ICD[&diagnosis=...]}: the order check form and its answer, the decision the CDS
 * Hooks service makes ({@link OrderCheck}), shown as its card would be.
 */
final class CheckPage {
  private static final int DIAGNOSIS_FIELDS = 3;
  private final IndicationService indications;

  CheckPage(IndicationService indications) {
    this.indications = indications;
  }

  String render(HttpServletRequest request, TerminologyStore store) {
    String cpt = Params.optional(request, "code");
    List<String> diagnoses = Params.all(request, "diagnosis");
    Html m = new Html();
    m.el("h1", "Order check");
    m.el("p", "Does a diagnosis support the test? The same decision as the CDS Hooks order-sign service.");
    OrderCheck check = null;
    if (cpt != null) {
      Indications ind = indications.catalog().indicationsOf(cpt);
      if (ind.isEmpty()) {
        throw new PageException(404, "No indications for this test", "CPT '" + cpt + "' has no ICD-10-CM "
            + "indications in this server's content, so an order for it cannot be checked.", form(cpt, diagnoses));
      }
      if (!diagnoses.isEmpty()) {
        check = ind.check(diagnoses);
      }
    }
    // the answer first, where a phone shows it without scrolling; the form below to change the question
    if (check != null) {
      card(m, check);
    }
    m.append(form(cpt, diagnoses));
    return Layout.page(store, cpt == null ? "Order check" : "Order check: " + cpt, m, null, null, false);
  }

  private static Html form(String cpt, List<String> diagnoses) {
    Html f = new Html();
    f.open("form", "class", "check", "action", "/check", "method", "get");
    f.el("label", "CPT code", "for", "check-code");
    f.open("input", "id", "check-code", "name", "code", "value", cpt == null ? "" : cpt, "required", "",
        "maxlength", String.valueOf(Params.MAX_TEXT), "placeholder", "81455");
    int fields = Math.max(DIAGNOSIS_FIELDS, diagnoses.size());
    for (int n = 0; n < fields; n++) {
      String id = "check-diagnosis-" + (n + 1);
      f.el("label", "ICD-10-CM diagnosis " + (n + 1), "for", id);
      f.open("input", "id", id, "name", "diagnosis", "value", n < diagnoses.size() ? diagnoses.get(n) : "",
          "maxlength", String.valueOf(Params.MAX_TEXT), "placeholder", n == 0 ? "C92.01" : null);
    }
    f.el("button", "Check the order", "type", "submit");
    f.close("form");
    return f;
  }

  private static void card(Html m, OrderCheck check) {
    Indications ind = check.indications();
    String cpt = ind.order().code();
    OrderCheck.Outcome outcome = check.outcome();
    boolean supported = check.supported();
    m.open("section", "class", "card " + (supported ? "card-supported" : "card-warning"), "id", "answer",
        "aria-live", "polite");
    m.el("h2", switch (outcome) {
      case SUPPORTED -> "Supported";
      case SUPPORTED_THROUGH_ANCESTOR -> "Supported through an ancestor";
      default -> "Not supported";
    }, "class", "card-outcome");
    m.el("p", summary(check), "class", "card-summary");
    m.open("ul", "class", "findings");
    for (OrderCheck.Finding f : check.findings()) {
      m.open("li").a(Links.code(IndicationService.ICD10CM, f.code()), f.code(), "class", "code").text(" ")
          .text(f.title() == null ? "(not an ICD-10-CM code of the loaded release)" : f.title()).text(": ");
      if (!f.supports()) {
        m.text("not a listed indication");
      } else if (f.throughAncestor()) {
        m.text("a listed indication as a code of category ").a(Links.code(IndicationService.ICD10CM,
            f.coveredBy().diagnosis().code()), f.coveredBy().diagnosis().code(), "class", "code")
            .text(" " + f.coveredBy().diagnosis().display());
      } else {
        m.text("a listed indication");
      }
      m.close("li");
    }
    m.close("ul");
    if (!supported) {
      m.el("h3", "Accepted indications (ICD-10-CM)");
      m.open("ul", "class", "accepted");
      for (Indications.Indication i : ind.accepted()) {
        m.open("li").a(Links.code(IndicationService.ICD10CM, i.diagnosis().code()), i.diagnosis().code(),
            "class", "code").text(" " + i.diagnosis().display() + (i.category() ? ", and every code below it" : ""))
            .close("li");
      }
      m.close("ul");
    }
    m.el("p", Layout.DISCLAIMER, "class", "note");
    m.open("p", "class", "card-source").text("Source: moltx terminology: CPT to ICD-10-CM indications \u00b7 ")
        .a(Links.code(IndicationService.CPT, cpt), "CPT " + cpt)
        .text(" \u00b7 ").a(Links.translateWithMap(IndicationService.INDICATIONS_MAP, IndicationService.CPT, cpt,
            IndicationService.ICD10CM), "FHIR $translate").close("p");
    m.close("section");
  }

  private static String summary(OrderCheck check) {
    String cpt = check.indications().order().code();
    List<String> supporting = new ArrayList<>();
    check.findings().stream().filter(OrderCheck.Finding::supports).forEach(f -> supporting.add(f.code()));
    return switch (check.outcome()) {
      case SUPPORTED, SUPPORTED_THROUGH_ANCESTOR -> String.join(", ", supporting) + " supports CPT " + cpt + ".";
      default -> "CPT " + cpt + " has no listed indication among the order's diagnoses.";
    };
  }
}
