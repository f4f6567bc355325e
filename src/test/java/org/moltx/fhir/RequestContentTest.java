package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moltx.engine.Terminology;
import org.moltx.store.TerminologyStore;

/** A request reads the loaded content once: its parts (a batch's entries) read the same, even across a reload. */
class RequestContentTest {
  private final TerminologyStore before = TerminologyStore.builder().build();
  private final TerminologyStore after = TerminologyStore.builder().build();
  private final Terminology terminology = new Terminology(before);

  private static ParamSource part(SystemRequestDetails batch) {
    return new ParamSource(Map.of(), null, name -> null, RequestContent.loadedHolder(batch));
  }

  @Test
  void everyPartOfARequestReadsTheContentItsFirstPartRead() {
    SystemRequestDetails batch = new SystemRequestDetails();
    ParamSource first = part(batch);
    ParamSource second = part(batch);

    assertThat(RequestContent.store(first, terminology)).isSameAs(before);
    terminology.replace(after);

    assertThat(RequestContent.store(second, terminology)).isSameAs(before);
    assertThat(RequestContent.store(part(new SystemRequestDetails()), terminology)).isSameAs(after);
  }
}
