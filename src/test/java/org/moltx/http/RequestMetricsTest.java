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
}
