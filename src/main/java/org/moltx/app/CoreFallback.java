package org.moltx.app;

import org.moltx.loader.CoreTerminology;
import org.moltx.store.FallbackSource;
import org.moltx.store.LazyFallback;
import org.moltx.store.TerminologyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FHIR R4 core terminology as the fallback of the served content: one per JVM, shared by reloads, each part
 * (valuesets, v3-codesystems, v2-tables) read on the first request for a canonical it defines.
 */
final class CoreFallback {
  private static final Logger log = LoggerFactory.getLogger(CoreFallback.class);

  static final FallbackSource INSTANCE = new LazyFallback(CoreTerminology::index, CoreFallback::load);

  private CoreFallback() {}

  private static TerminologyStore load(String part) {
    long start = System.nanoTime();
    TerminologyStore store = StoreAssembler.assemble(CoreTerminology.load(ServerFactory.fhirContext(), part));
    log.info("FHIR core terminology '{}' loaded in {} ms: {} code systems, {} value sets", part,
        (System.nanoTime() - start) / 1_000_000, store.codeSystems().size(), store.valueSets().size());
    return store;
  }
}
