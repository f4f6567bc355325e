package org.moltx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** url|version as FHIR R4's canonical datatype writes it: the url cannot hold a '|', so the first one ends it. */
class CanonicalTest {
  @Test
  void aCanonicalWithoutABarIsAUrlNamingNoVersion() {
    Canonical c = Canonical.parse("http://hl7.org/fhir/sid/icd-10-cm");
    assertThat(c.url()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
    assertThat(c.version()).isNull();
    assertThat(c.hasVersion()).isFalse();
    assertThat(c).hasToString("http://hl7.org/fhir/sid/icd-10-cm");
  }

  @Test
  void theFirstBarSeparatesTheUrlFromItsVersion() {
    Canonical c = Canonical.parse("http://snomed.info/sct|http://snomed.info/sct/731000124108/version/20240301");
    assertThat(c.url()).isEqualTo("http://snomed.info/sct");
    assertThat(c.version()).isEqualTo("http://snomed.info/sct/731000124108/version/20240301");
    assertThat(c.hasVersion()).isTrue();
    // what follows the first bar is the version, as written
    assertThat(Canonical.parse("http://x.org/cs|1.0|b")).isEqualTo(new Canonical("http://x.org/cs", "1.0|b"));
  }

  @Test
  void anEmptyVersionIsKeptAsWrittenButNamesNone() {
    Canonical c = Canonical.parse("http://x.org/vs|");
    assertThat(c.url()).isEqualTo("http://x.org/vs");
    assertThat(c.version()).isEmpty();
    assertThat(c.hasVersion()).isFalse();
    assertThat(c).hasToString("http://x.org/vs|");
    assertThat(Canonical.parse("|1.0")).isEqualTo(new Canonical("", "1.0"));
  }

  @Test
  void toStringWritesWhatParseReads() {
    for (String s : new String[] {"http://x.org/cs", "http://x.org/cs|2.1.0", "urn:oid:2.16.840.1.113883.6.90|2026",
        "http://x.org/vs|"}) {
      assertThat(Canonical.parse(s)).hasToString(s);
    }
    assertThat(new Canonical("http://x.org/cs", "1").withVersion(null)).hasToString("http://x.org/cs");
    assertThat(new Canonical("http://x.org/cs", null).withVersion("2")).hasToString("http://x.org/cs|2");
  }

  @Test
  void nullParsesToNullAndAUrlIsRequired() {
    assertThat(Canonical.parse(null)).isNull();
    assertThat(Canonical.urlOf(null)).isNull();
    assertThat(Canonical.urlOf("http://x.org/cs|1")).isEqualTo("http://x.org/cs");
    assertThatThrownBy(() -> new Canonical(null, "1")).isInstanceOf(NullPointerException.class);
  }
}
