package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.junit.jupiter.api.Test;
import org.moltx.engine.Terminology;
import org.moltx.store.TerminologyStore;

/** A request reads the loaded content once: its parts (a batch's entries) read the same, even across a reload. */
class RequestContentTest {
  private final TerminologyStore before = TerminologyStore.builder().build();
  private final TerminologyStore after = TerminologyStore.builder().build();
  private final Terminology terminology = new Terminology(before);

  @Test
  void everyPartOfARequestReadsTheContentItsFirstPartRead() {
    SystemRequestDetails batch = new SystemRequestDetails();
    SystemRequestDetails first = new SystemRequestDetails();
    SystemRequestDetails second = new SystemRequestDetails();
    RequestContent.shareLoaded(batch, first);
    RequestContent.shareLoaded(batch, second);

    assertThat(RequestContent.store(first, terminology)).isSameAs(before);
    terminology.replace(after);

    assertThat(RequestContent.store(second, terminology)).isSameAs(before);
    assertThat(RequestContent.store(new SystemRequestDetails(), terminology)).isSameAs(after);
  }
}
