package org.moltx.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.moltx.engine.IndicationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDS Hooks 2.0 at {@code /cds-services}: discovery, the two indication services and their feedback endpoints.
 * Mount it at {@code /cds-services/*}.
 */
public final class CdsHooksServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(CdsHooksServlet.class);
  private static final int MAX_BODY = 5 * 1024 * 1024;
  static final String ORDER_SIGN = "order-sign-indications";
  static final String ORDER_SELECT = "order-select-indications";
  private static final Map<String, String> PREFETCH = new LinkedHashMap<>();

  static {
    PREFETCH.put("patient", "Patient/{{context.patientId}}");
    PREFETCH.put("conditions", "Condition?patient={{context.patientId}}&clinical-status=active");
  }

  private static final Map<String, CdsJson.Service> SERVICES = Map.of(
      ORDER_SIGN, new CdsJson.Service("order-sign", "Diagnosis indications of genomic tests",
          "At order signing, checks each ordered CPT molecular pathology test against the ICD-10-CM diagnoses that "
              + "indicate it (order reasons and active problem list, through the ICD-10-CM hierarchy). Warns when "
              + "none does, suggests a problem-list diagnosis as the order's reason when only that one does.",
          ORDER_SIGN, PREFETCH, null),
      ORDER_SELECT, new CdsJson.Service("order-select", "Diagnosis indications of genomic tests (early hint)",
          "When a CPT molecular pathology test is selected, a light, info-only hint on whether the patient's "
              + "diagnoses indicate it. Answers without cards when the diagnoses are not available.",
          ORDER_SELECT, PREFETCH, null));

  private final transient ObjectMapper mapper = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final transient CdsSettings settings;
  private final transient ClientJwtVerifier jwt;
  private final transient IndicationAdvisor advisor;
  private final transient ConditionFetcher fetcher;

  /** {@code indications}: the server's one (the pages share it, and its per-store cache). */
  public CdsHooksServlet(CdsSettings settings, IndicationService indications) {
    this.settings = settings;
    this.jwt = new ClientJwtVerifier(settings.trustedIssuers(), settings.clockSkewSeconds(), Clock.systemUTC());
    this.advisor = new IndicationAdvisor(indications);
    this.fetcher = new ConditionFetcher(3_000, 5_000, mapper);
    if (jwt.enabled()) {
      log.info("CDS Hooks: client JWTs required from {}", settings.trustedIssuers().keySet());
    } else {
      log.warn("CDS Hooks service runs open: no trusted JWT issuers configured (--cds-issuer), calls are not authenticated");
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    cors(req, resp);
    try {
      route(req, resp);
    } catch (CdsException e) {
      finishReading(req, resp);
      if (e.status() == 401) {
        resp.setHeader("WWW-Authenticate", "Bearer");
        log.info("CDS Hooks call refused ({}): {}", req.getRequestURI(), e.getMessage());
      }
      write(resp, e.status(), new CdsJson.Error(e.getMessage()));
    } catch (RuntimeException e) {
      log.error("CDS Hooks call failed: {}", req.getRequestURI(), e);
      write(resp, 500, new CdsJson.Error("internal error: " + e.getClass().getSimpleName()));
    }
  }

  private void route(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String method = req.getMethod();
    if ("OPTIONS".equals(method)) {
      resp.setStatus(204);
      return;
    }
    String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceAll("/+$", "");
    String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
    if (parts.length == 0) {
      requireMethod(method, "GET");
      write(resp, 200, new CdsJson.Discovery(List.of(SERVICES.get(ORDER_SIGN), SERVICES.get(ORDER_SELECT))));
      return;
    }
    CdsJson.Service service = SERVICES.get(parts[0]);
    if (service == null || parts.length > 2 || (parts.length == 2 && !"feedback".equals(parts[1]))) {
      throw new CdsException(404, "no CDS service at " + req.getRequestURI());
    }
    requireMethod(method, "POST");
    String serviceUrl = base(req) + "/cds-services/" + service.id();
    if (jwt.enabled()) {
      jwt.verify(req.getHeader("Authorization"), serviceUrl);
    }
    JsonNode body = readJson(req);
    if (parts.length == 2) {
      feedback(service, body);
      write(resp, 200, Map.of());
      return;
    }
    long start = System.nanoTime();
    CdsJson.Response answer = call(service, body, base(req));
    log.debug("CDS Hooks {}: {} card(s) in {} us", service.id(), answer.cards().size(), (System.nanoTime() - start) / 1000);
    write(resp, 200, answer);
  }

  private CdsJson.Response call(CdsJson.Service service, JsonNode body, String base) {
    CdsJson.Request request = request(body);
    if (request.hook() == null || request.hook().isBlank()) {
      throw new CdsException(400, "the request has no 'hook'");
    }
    if (!service.hook().equals(request.hook())) {
      throw new CdsException(400, "service '" + service.id() + "' answers hook '" + service.hook() + "', not '"
          + request.hook() + "'");
    }
    if (request.hookInstance() == null || request.hookInstance().isBlank()) {
      throw new CdsException(400, "the request has no 'hookInstance'");
    }
    JsonNode context = request.context();
    if (context == null || !context.isObject()) {
      throw new CdsException(400, "the request has no 'context' object");
    }
    String patientId = CdsResources.text(context.get("patientId"));
    JsonNode draftOrders = context.get("draftOrders");
    if (draftOrders == null || draftOrders.isNull()) {
      throw new CdsException(400, "context.draftOrders (a Bundle) is required for hook '" + service.hook() + "'");
    }
    boolean light = ORDER_SELECT.equals(service.id());
    Set<String> selections = light ? selections(context.get("selections")) : null;
    CdsResources.Entries orders = CdsResources.entries(draftOrders, "context.draftOrders");
    Supplier<List<CdsResources.Problem>> conditions = () -> conditions(request, patientId);
    List<CdsJson.Card> cards;
    try {
      cards = advisor.advise(orders, selections, patientId, conditions, light, base);
    } catch (IndicationAdvisor.ConditionsUnavailable e) {
      if (light) {
        return new CdsJson.Response(List.of(), null);
      }
      throw new CdsException(412, e.getMessage());
    }
    return new CdsJson.Response(cards, null);
  }

  private static Set<String> selections(JsonNode sel) {
    Set<String> ids = new HashSet<>();
    if (sel != null && sel.isArray()) {
      for (JsonNode s : sel) {
        if (s.isTextual()) {
          ids.add(s.asText());
        }
      }
    }
    return ids;
  }

  /** The prefetched Conditions, else those read from the client's FHIR server; else the decision cannot be made. */
  private List<CdsResources.Problem> conditions(CdsJson.Request request, String patientId) {
    JsonNode prefetched = request.prefetch() == null ? null : request.prefetch().get("conditions");
    if (prefetched != null && !prefetched.isNull()) {
      return CdsResources.entries(prefetched, "prefetch.conditions").conditions();
    }
    String server = request.fhirServer();
    if (server == null || server.isBlank()) {
      throw new IndicationAdvisor.ConditionsUnavailable(
          "the patient's Conditions are needed: prefetch 'conditions' or give fhirServer and fhirAuthorization");
    }
    if (!server.startsWith("https://") && !server.startsWith("http://")) {
      throw new CdsException(400, "fhirServer must be an http(s) URL");
    }
    if (patientId == null) {
      throw new IndicationAdvisor.ConditionsUnavailable("context.patientId is needed to read the patient's Conditions");
    }
    String token = request.fhirAuthorization() == null ? null : request.fhirAuthorization().accessToken();
    try {
      return fetcher.fetch(server, token, patientId);
    } catch (RuntimeException e) {
      log.warn("CDS Hooks: reading Conditions from {} failed: {}", server, e.getMessage());
      throw new IndicationAdvisor.ConditionsUnavailable("the patient's Conditions were not prefetched and reading them "
          + "from fhirServer failed: " + e.getMessage());
    }
  }

  private void feedback(CdsJson.Service service, JsonNode body) {
    CdsJson.FeedbackRequest feedback;
    try {
      feedback = mapper.treeToValue(body, CdsJson.FeedbackRequest.class);
    } catch (JsonProcessingException e) {
      throw new CdsException(400, "not a CDS Hooks feedback: " + e.getOriginalMessage());
    }
    if (feedback.feedback() == null) {
      throw new CdsException(400, "the feedback has no 'feedback' array");
    }
    for (CdsJson.Feedback f : feedback.feedback()) {
      log.info("CDS Hooks feedback: service={} card={} outcome={} overrideReason={} acceptedSuggestions={} at {}",
          service.id(), f.card(), f.outcome(), f.overrideReason(), f.acceptedSuggestions(), f.outcomeTimestamp());
    }
  }

  /**
   * The request's fields, with context and prefetch as the parsed tree's own nodes: binding the whole tree to the
   * record (treeToValue) copied both, the largest part of a call after the parse itself (JFR).
   */
  private CdsJson.Request request(JsonNode body) {
    JsonNode prefetch = body.get("prefetch");
    if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
      throw new CdsException(400, "not a CDS Hooks request: 'prefetch' must be an object");
    }
    JsonNode authorization = body.get("fhirAuthorization");
    try {
      return new CdsJson.Request(scalar(body, "hook"), scalar(body, "hookInstance"), scalar(body, "fhirServer"),
          authorization == null || authorization.isNull() ? null
              : mapper.treeToValue(authorization, CdsJson.FhirAuthorization.class),
          body.get("context"), prefetch == null || prefetch.isNull() ? null : prefetch);
    } catch (JsonProcessingException e) {
      throw new CdsException(400, "not a CDS Hooks request: " + e.getOriginalMessage());
    }
  }

  /** A string field: a number or boolean is taken as its text, as Jackson binds one; an object or array is a 400. */
  private static String scalar(JsonNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new CdsException(400, "not a CDS Hooks request: '" + name + "' must be a string");
    }
    return node.asText();
  }

  private JsonNode readJson(HttpServletRequest req) throws IOException {
    if (req.getContentLengthLong() > MAX_BODY) {
      throw new CdsException(413, "request body larger than " + MAX_BODY + " bytes");
    }
    // parsed from the stream through Jackson's recycled buffers: reading it into an array first made a third of a
    // call's garbage (JFR); a body without a length is bounded by the server's own limit (SizeLimitHandler)
    try {
      JsonNode node = mapper.readTree(req.getInputStream());
      if (node == null || !node.isObject()) {
        throw new CdsException(400, "the request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CdsException(400, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** The base URL clients use: the configured public base, else this request's scheme, host and port. */
  private String base(HttpServletRequest req) {
    if (settings.publicBase() != null) {
      return settings.publicBase();
    }
    StringBuffer url = req.getRequestURL();
    return url.substring(0, url.length() - req.getRequestURI().length()) + req.getContextPath();
  }

  /**
   * An error answered before the body was read: read the rest (so the connection can serve the next request), or
   * close the connection after the answer. Otherwise the server closes it after a response that did not say so, and
   * a client that reuses it fails.
   */
  private static void finishReading(HttpServletRequest req, HttpServletResponse resp) {
    try {
      req.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      resp.setHeader("Connection", "close");
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!allowed.equals(method)) {
      throw new CdsException(405, "method " + method + " not allowed here (use " + allowed + ")");
    }
  }

  /** CORS for browser-based CDS clients: any origin, bearer tokens (no cookies). */
  private static void cors(HttpServletRequest req, HttpServletResponse resp) {
    resp.setHeader("Access-Control-Allow-Origin", "*");
    if ("OPTIONS".equals(req.getMethod())) {
      resp.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      resp.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
      resp.setHeader("Access-Control-Max-Age", "86400");
    }
  }

  private void write(HttpServletResponse resp, int status, Object body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
    mapper.writeValue(resp.getOutputStream(), body);
  }
}
