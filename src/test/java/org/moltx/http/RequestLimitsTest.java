package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLimitsTest {
  @Test
  void aControlCharacterInAParameterNameIsFoundRawOrPercentEncoded() {
    assertThat(RequestLimits.controlInName("system=http://x&code=81455")).isFalse();
    assertThat(RequestLimits.controlInName("a=%00&b=%7F")).isFalse(); // in values: allowed
    assertThat(RequestLimits.controlInName("&&a&=b&")).isFalse();
    assertThat(RequestLimits.controlInName("")).isFalse();
    assertThat(RequestLimits.controlInName("%00=1")).isTrue();
    assertThat(RequestLimits.controlInName("code=1&%1F")).isTrue();
    assertThat(RequestLimits.controlInName("code=1&x%7f=2")).isTrue();
    assertThat(RequestLimits.controlInName("co\tde=1")).isTrue();
    assertThat(RequestLimits.controlInName("a=1&b\u007f=2")).isTrue();
    assertThat(RequestLimits.controlInName("%0=1&%2=2")).isFalse(); // too short to be an escape
    assertThat(RequestLimits.controlInName("%41%20=1")).isFalse(); // 'A' and space are not control characters
  }
}
