package org.moltx.pages;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moltx.store.StoredCodeSystem;
import org.moltx.store.TerminologyStore;

/** The frame of every page: head, the search box, the main content, and the footer with licences and releases. */
final class Layout {
  static final String CPT_NOTE = "CPT is a registered trademark of the American Medical Association (AMA). CPT codes "
      + "and descriptors are copyright AMA; all rights reserved. The CPT displays shown here are moltx's own "
      + "paraphrases, not the AMA descriptors (a CPT licensee may load the AMA descriptor file).";
  static final String NUCC_NOTE = "NUCC Health Care Provider Taxonomy: \u00a9 American Medical Association on behalf "
      + "of the NUCC; source: nucc.org.";
  static final String CMS_NOTE = "ICD-10-CM (CMS / CDC-NCHS), HCPCS Level II and the CMS Place of Service codes are US "
      + "Government works in the public domain.";
  static final String DISCLAIMER = "Indication lists are reference content, not a payer's coverage policy.";

  private Layout() {}

  /**
   * A whole page around {@code main}.
   *
   * @param query the search text to show in the box (null: empty); {@code system} the system selected in it
   * @param focusSearch whether the search box takes the focus on load (the home page)
   */
  static String page(TerminologyStore store, String title, Html main, String query, String system,
      boolean focusSearch) {
    Html h = new Html().doctype();
    h.open("html", "lang", "en").open("head");
    h.open("meta", "charset", "utf-8");
    h.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.el("title", title + " \u2013 moltx");
    h.open("link", "rel", "stylesheet", "href", StaticAssets.CSS);
    h.open("script", "src", StaticAssets.JS, "defer", "").close("script");
    h.close("head").open("body");
    h.open("a", "class", "skip", "href", "#main").text("Skip to content").close("a");
    header(h, store, query, system, focusSearch);
    h.open("main", "id", "main").append(main).close("main");
    footer(h, store);
    h.close("body").close("html");
    return h.toString();
  }

  private static void header(Html h, TerminologyStore store, String query, String system, boolean focus) {
    h.open("header", "class", "top");
    h.open("nav", "aria-label", "Site").a("/", "moltx", "class", "brand")
        .a("/check", "Order check").a("/fhir/metadata", "FHIR API").close("nav");
    h.open("form", "class", "search", "action", "/search", "method", "get", "role", "search");
    h.el("label", "Search codes", "for", "q", "class", "visually-hidden");
    h.open("div", "class", "combo");
    h.open("input", "type", "search", "id", "q", "name", "q", "value", query == null ? "" : query,
        "placeholder", "Code or words, e.g. E11.6 or acute myeloblastic", "autocomplete", "off",
        "maxlength", String.valueOf(Params.MAX_TEXT), "autofocus", focus ? "" : null,
        "role", "combobox", "aria-autocomplete", "list", "aria-expanded", "false", "aria-controls", "suggestions");
    h.open("ul", "id", "suggestions", "role", "listbox", "aria-label", "Suggestions", "hidden", "").close("ul");
    h.close("div");
    h.el("label", "Code system", "for", "system", "class", "visually-hidden");
    h.open("select", "id", "system", "name", "system");
    h.open("option", "value", "", "selected", system == null ? "" : null).text("All code systems").close("option");
    for (Map.Entry<String, String> s : systems(store).entrySet()) {
      h.open("option", "value", s.getKey(), "selected", s.getKey().equals(system) ? "" : null).text(s.getValue())
          .close("option");
    }
    h.close("select");
    h.el("button", "Search", "type", "submit");
    h.close("form").close("header");
  }

  private static void footer(Html h, TerminologyStore store) {
    h.open("footer", "class", "licences");
    h.el("h2", "Content and licences");
    h.el("p", CPT_NOTE);
    h.el("p", NUCC_NOTE);
    h.el("p", CMS_NOTE);
    h.el("p", DISCLAIMER);
    List<String> releases = new ArrayList<>();
    for (StoredCodeSystem s : store.codeSystems()) {
      releases.add(name(s) + " " + s.release().version());
    }
    h.el("p", "Loaded releases: " + String.join("; ", releases) + ".");
    h.close("footer");
  }

  /**
   * The systems of the store last asked about: a page asks for them several times, every request. The store is held
   * weakly, so that content replaced by a reload is not kept alive until the next page request.
   */
  private record Systems(WeakReference<TerminologyStore> store, Map<String, String> names) {}

  private static volatile Systems systems = new Systems(new WeakReference<>(null), Map.of());

  /**
   * The content's code systems a page offers, URI to name, newest version first, each once (supplements left out);
   * computed once per store.
   */
  static Map<String, String> systems(TerminologyStore store) {
    Systems known = systems;
    if (known.store().get() != store) {
      known = new Systems(new WeakReference<>(store), Collections.unmodifiableMap(computeSystems(store)));
      systems = known;
    }
    return known.names();
  }

  private static Map<String, String> computeSystems(TerminologyStore store) {
    Map<String, String> out = new LinkedHashMap<>();
    for (StoredCodeSystem s : store.codeSystems()) {
      if (s.resource() == null || !s.resource().hasSupplements()) {
        out.putIfAbsent(s.release().url(), name(s));
      }
    }
    return out;
  }

  static String name(StoredCodeSystem s) {
    String title = s.release().info().title();
    return title != null ? title : s.release().info().name() != null ? s.release().info().name() : s.release().url();
  }
}
