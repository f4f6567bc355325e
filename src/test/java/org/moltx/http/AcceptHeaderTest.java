package org.moltx.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptHeaderTest {
  @Test
  void aBrowserListsHtmlAndAFhirClientDoesNot() {
    assertThat(AcceptHeader.acceptsHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isTrue();
    assertThat(AcceptHeader.acceptsHtml("application/json, Text/HTML;q=0.5")).isTrue();
    assertThat(AcceptHeader.acceptsHtml("application/fhir+json")).isFalse();
    assertThat(AcceptHeader.acceptsHtml("*/*")).isFalse();
    assertThat(AcceptHeader.acceptsHtml("text/htm")).isFalse();
    assertThat(AcceptHeader.acceptsHtml(null)).isFalse();
  }
}
