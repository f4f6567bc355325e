package org.moltx.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;

/**
 * The few elements of FHIR R4 ServiceRequests, Conditions and Bundles that the indication decision reads, taken
 * straight from the request's JSON tree. Building HAPI model objects for the draft orders and the prefetched
 * Conditions, and encoding the suggested order back, took over half of a CDS call's CPU (JFR, bench/run.sh
 * cds-order-sign); the decision needs codings, ids and references only.
 */
final class CdsResources {
  private CdsResources() {}

  /** A coding as sent; any element may be null. */
  record Code(String system, String code, String display) {}

  /** A Condition: from the draft-orders Bundle, contained in an order, prefetched or read from the client. */
  record Problem(String id, String fullUrl, List<Code> codes, String clinicalStatus, String verificationStatus,
      String subjectType, String subjectId) {
    static Problem of(JsonNode condition, String fullUrl) {
      IdType subject = reference(condition.path("subject"));
      return new Problem(text(condition.get("id")), fullUrl, codings(condition.path("code")),
          firstCode(condition.path("clinicalStatus")), firstCode(condition.path("verificationStatus")),
          subject == null ? null : subject.getResourceType(), subject == null ? null : subject.getIdPart());
    }

    /** True when {@code reference} ("Condition/x", an absolute URL, the entry's fullUrl) names this Condition. */
    boolean isNamedBy(String reference) {
      return reference.equals(fullUrl)
          || (id != null && (reference.equals("Condition/" + id) || reference.endsWith("/Condition/" + id)));
    }
  }

  /** A ServiceRequest of the draft orders, with the JSON it came as (the suggested update is a copy of it). */
  record Order(ObjectNode json, String id, String fullUrl, List<Code> codes, List<List<Code>> reasonCodes,
      List<String> reasonReferences, List<Problem> contained) {
    static Order of(ObjectNode json, String fullUrl) {
      List<List<Code>> reasonCodes = new ArrayList<>();
      for (JsonNode cc : array(json, "reasonCode")) {
        reasonCodes.add(codings(cc));
      }
      List<String> references = new ArrayList<>();
      for (JsonNode ref : array(json, "reasonReference")) {
        String r = text(ref.get("reference"));
        if (r != null) {
          references.add(r);
        }
      }
      List<Problem> contained = new ArrayList<>();
      for (JsonNode c : array(json, "contained")) {
        if ("Condition".equals(text(c.get("resourceType")))) {
          contained.add(Problem.of(c, null));
        }
      }
      return new Order(json, text(json.get("id")), fullUrl, codings(json.path("code")), reasonCodes, references,
          contained);
    }

    /** A copy of the order with one more reasonCode: the ICD-10-CM coding and its title as text. */
    ObjectNode withReasonCode(String system, String code, String display) {
      ObjectNode copy = json.deepCopy();
      ArrayNode reasons = copy.has("reasonCode") && copy.get("reasonCode").isArray()
          ? (ArrayNode) copy.get("reasonCode") : copy.putArray("reasonCode");
      ObjectNode reason = reasons.addObject();
      reason.putArray("coding").addObject().put("system", system).put("code", code).put("display", display);
      reason.put("text", display);
      return copy;
    }
  }

  /** The draft orders and the Conditions of a Bundle, in entry order. */
  record Entries(List<Order> orders, List<Problem> conditions) {}

  /**
   * The ServiceRequests and Conditions among the entries of {@code bundle}; a Bundle whose entries are not objects
   * with an object {@code resource} is refused as not an R4 Bundle.
   */
  static Entries entries(JsonNode bundle, String where) {
    if (!bundle.isObject() || !"Bundle".equals(text(bundle.get("resourceType")))) {
      throw new CdsException(400, where + " must be a FHIR Bundle");
    }
    JsonNode entry = bundle.get("entry");
    List<Order> orders = new ArrayList<>();
    List<Problem> conditions = new ArrayList<>();
    if (entry == null || entry.isNull()) {
      return new Entries(orders, conditions);
    }
    if (!entry.isArray()) {
      throw new CdsException(400, where + " is not a valid R4 Bundle: Bundle.entry must be an array");
    }
    for (JsonNode e : entry) {
      JsonNode resource = e.get("resource");
      if (!e.isObject() || (resource != null && !resource.isObject())) {
        throw new CdsException(400, where + " is not a valid R4 Bundle: each entry must be an object whose "
            + "'resource' is a resource");
      }
      String fullUrl = text(e.get("fullUrl"));
      String type = resource == null ? null : text(resource.get("resourceType"));
      if ("ServiceRequest".equals(type)) {
        orders.add(Order.of((ObjectNode) resource, fullUrl));
      } else if ("Condition".equals(type)) {
        conditions.add(Problem.of(resource, fullUrl));
      }
    }
    return new Entries(orders, conditions);
  }

  private static List<Code> codings(JsonNode codeableConcept) {
    List<Code> codes = new ArrayList<>();
    for (JsonNode c : array(codeableConcept, "coding")) {
      codes.add(new Code(text(c.get("system")), text(c.get("code")), text(c.get("display"))));
    }
    return codes;
  }

  private static String firstCode(JsonNode codeableConcept) {
    return text(array(codeableConcept, "coding").path(0).get("code"));
  }

  private static IdType reference(JsonNode reference) {
    String r = text(reference.get("reference"));
    return r == null ? null : new IdType(r);
  }

  /**
   * A repeating element: an array, or absent; anything else is a 400 (iterating an object would walk its fields and
   * find no codes, so an order would silently get no card).
   */
  private static JsonNode array(JsonNode parent, String name) {
    JsonNode value = parent.path(name);
    if (!value.isMissingNode() && !value.isNull() && !value.isArray()) {
      throw new CdsException(400, "'" + name + "' must be an array (a FHIR repeating element)");
    }
    return value;
  }

  /** A JSON string's text; null for anything else. */
  static String text(JsonNode n) {
    return n == null || !n.isTextual() ? null : n.asText();
  }
}
