package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseCacheTest {
  @Test
  void gzipIsAcceptedUnlessItsQualityIsZero() {
    assertThat(ResponseCache.acceptsGzip("gzip")).isTrue();
    assertThat(ResponseCache.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(ResponseCache.acceptsGzip("deflate, gzip;q=0.5")).isTrue();
    assertThat(ResponseCache.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(ResponseCache.acceptsGzip("gzip; q=0.000, identity")).isFalse();
    assertThat(ResponseCache.acceptsGzip("gzip;q=x")).isFalse();
    assertThat(ResponseCache.acceptsGzip("br;q=1, x-gzip")).isFalse();
    assertThat(ResponseCache.acceptsGzip("identity")).isFalse();
    assertThat(ResponseCache.acceptsGzip(null)).isFalse();
  }
}
