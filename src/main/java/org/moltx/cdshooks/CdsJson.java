package org.moltx.cdshooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The CDS Hooks 2.0 JSON this service reads and writes, as records for Jackson. */
final class CdsJson {
  private CdsJson() {}

  /** Built from the parsed tree by CdsHooksServlet (not bound by Jackson), its fields checked for their shapes. */
  record Request(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
      JsonNode context, JsonNode prefetch) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record FhirAuthorization(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") Long expiresIn, String scope, String subject) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Discovery(List<Service> services) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Service(String hook, String title, String description, String id, Map<String, String> prefetch,
      String usageRequirements) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(List<Card> cards, List<Action> systemActions) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Card(String uuid, String summary, String detail, String indicator, Source source, List<Suggestion> suggestions,
      String selectionBehavior, List<Coding> overrideReasons, List<Link> links) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Source(String label, String url, Coding topic) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Coding(String system, String code, String display) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Link(String label, String url, String type) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Action(String type, String description, JsonNode resource) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Error(String error) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record FeedbackRequest(List<Feedback> feedback) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Feedback(String card, String outcome, String outcomeTimestamp, List<Map<String, Object>> acceptedSuggestions,
      Map<String, Object> overrideReason) {}
}
