package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {
  @Test
  void theAccessLineGivesMillisecondsWithThreeDecimals() {
    assertThat(RequestMetrics.accessLine("GET", "/fhir/metadata?mode=terminology", 200, 1234, 412_345, "127.0.0.1"))
        .isEqualTo("GET /fhir/metadata?mode=terminology 200 1234B 0.412ms 127.0.0.1");
    assertThat(RequestMetrics.accessLine("POST", "/cds-services/x", 400, 0, 12_005_600, "::1"))
        .isEqualTo("POST /cds-services/x 400 0B 12.006ms ::1");
    assertThat(RequestMetrics.accessLine("GET", "/", 404, 9, 1_999_499, "10.0.0.2"))
        .isEqualTo("GET / 404 9B 1.999ms 10.0.0.2");
    assertThat(RequestMetrics.accessLine("GET", "/", 200, 9, 40_000, "10.0.0.2"))
        .isEqualTo("GET / 200 9B 0.040ms 10.0.0.2");
  }

  @Test
  void requestsAreClassifiedByOperationAndType() {
    String[][] cases = {
        {"/fhir/CodeSystem/$lookup", "lookup", "CodeSystem"},
        {"/fhir/ValueSet/$expand", "expand", "ValueSet"},
        {"/fhir/ValueSet/abc/$expand", "expand", "ValueSet"},
        {"/fhir/ConceptMap/$translate", "translate", "ConceptMap"},
        {"/fhir/CodeSystem/$validate-code", "validate-code", "CodeSystem"},
        {"/fhir/$versions", "other", "none"},
        {"/fhir/Patient/$everything", "other", "other"},
        {"/fhir/metadata", "metadata", "none"},
        {"/fhir", "system", "none"},
        {"/fhir/", "system", "none"},
        {"/fhir/CodeSystem", "search", "CodeSystem"},
        {"/fhir/CodeSystem/_search", "search", "CodeSystem"},
        {"/fhir/ValueSet/cpt-81311", "read", "ValueSet"},
        {"/fhir/ValueSet/x/_history/1", "history", "ValueSet"},
        {"/fhir/Foo/x/y", "other", "other"},
        {"/cds-services/order-sign", "cds-hooks", "none"},
        {"/healthz", "health", "none"},
        {"/readyz", "health", "none"},
        {"/metrics", "metrics", "none"},
        {"/admin/reload", "admin", "none"},
        {"/code", "other", "none"},
    };
    for (String[] c : cases) {
      assertThat(RequestMetrics.classify(c[0])).as(c[0]).isEqualTo(new RequestMetrics.Kind(c[1], c[2]));
    }
    assertThat(RequestMetrics.classify(null)).isEqualTo(new RequestMetrics.Kind("other", "none"));
  }
}
