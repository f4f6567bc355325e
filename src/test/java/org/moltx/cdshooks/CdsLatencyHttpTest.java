package org.moltx.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

/**
 * Order-sign latency over HTTP on the loopback, measured on the realistic request (info card with a suggestion,
 * the costliest decision). CDS Hooks guidance is about 500 ms; the aim is a p99 under 10 ms. The bound asserted
 * here is loose so that a busy CI machine does not fail it; the numbers are printed.
 */
class CdsLatencyHttpTest {
  @Test
  void orderSignStaysFarBelowTheCdsHooksGuidance() {
    String body = CdsRequests.fixture("order-sign-81455.json").toString();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + CdsOrderSignHttpTest.SIGN))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < 300; i++) { // warm-up: JIT, connection
      assertThat(TestServer.send(request).statusCode()).isEqualTo(200);
    }
    int n = 1000;
    HttpRequest.Builder discovery = HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + "/cds-services")).GET();
    long[] baseline = new long[n];
    for (int i = 0; i < n; i++) { // the same loopback HTTP round trip for a static answer: what the decision adds is the difference
      long t = System.nanoTime();
      TestServer.send(discovery);
      baseline[i] = (System.nanoTime() - t) / 1000;
    }
    Arrays.sort(baseline);
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = TestServer.send(request);
      micros[i] = (System.nanoTime() - t) / 1000;
      assertThat(r.statusCode()).isEqualTo(200);
    }
    Arrays.sort(micros);
    long p50 = micros[n / 2];
    long p99 = micros[n * 99 / 100];
    System.out.printf("CDS order-sign over HTTP: p50 %d us, p99 %d us, max %d us (%d calls); discovery GET baseline:"
        + " p50 %d us, p99 %d us%n", p50, p99, micros[n - 1], n, baseline[n / 2], baseline[n * 99 / 100]);
    assertThat(p99).as("p99 in microseconds").isLessThan(250_000);
  }
}
