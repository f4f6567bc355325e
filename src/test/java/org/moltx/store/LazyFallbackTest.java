package org.moltx.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** A fallback part loads once, on the first look-up of a canonical it defines; the store's own content wins. */
class LazyFallbackTest {
  private static final String CORE = "http://hl7.org/fhir/ValueSet/core";
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger indexReads = new AtomicInteger();

  private LazyFallback fallback() {
    return new LazyFallback(() -> {
      indexReads.incrementAndGet();
      return Map.of(CORE, "part");
    }, part -> {
      loads.incrementAndGet();
      return TerminologyStore.builder().addValueSet(new ValueSet().setUrl(CORE).setVersion("core")
          .setStatus(PublicationStatus.ACTIVE)).build();
    });
  }

  @Test
  void nothingLoadsUntilACanonicalOfThePartIsAskedFor() {
    LazyFallback fallback = fallback();
    TerminologyStore store = TerminologyStore.builder(fallback).build();
    assertThat(indexReads).hasValue(0);
    assertThat(store.valueSetVersions("http://example.org/vs")).isEmpty();
    assertThat(store.codeSystemVersions("http://example.org/cs")).isEmpty();
    assertThat(loads).hasValue(0);
    assertThat(fallback.anyLoaded()).isFalse();
    assertThat(store.overlay().build().valueSetVersions(CORE)).extracting(ValueSet::getVersion).containsExactly("core");
    assertThat(store.valueSetVersions(CORE)).hasSize(1);
    assertThat(loads).hasValue(1);
    assertThat(indexReads).hasValue(1);
  }

  @Test
  void theStoreAndARequestsResourcesWin() {
    TerminologyStore store = TerminologyStore.builder(fallback()).build();
    TerminologyStore request = store.overlay().addValueSet(new ValueSet().setUrl(CORE).setVersion("mine")).build();
    assertThat(request.valueSetVersions(CORE)).extracting(ValueSet::getVersion).containsExactly("mine");
    TerminologyStore content = TerminologyStore.builder(fallback())
        .addValueSet(new ValueSet().setUrl(CORE).setVersion("content")).build();
    assertThat(content.valueSetVersions(CORE)).extracting(ValueSet::getVersion).containsExactly("content");
    assertThat(loads).hasValue(0);
  }

  @Test
  void concurrentFirstRequestsLoadThePartOnce() throws Exception {
    TerminologyStore store = TerminologyStore.builder(fallback()).build();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    AtomicInteger found = new AtomicInteger();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        if (store.overlay().build().valueSetVersions(CORE).size() == 1) {
          found.incrementAndGet();
        }
      });
      t.start();
      threads.add(t);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(found).hasValue(8);
    assertThat(loads).hasValue(1);
    assertThat(indexReads).hasValue(1);
  }
}
