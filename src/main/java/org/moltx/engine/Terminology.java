package org.moltx.engine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.moltx.store.TerminologyStore;

/**
 * The engine's entry point: the content being served and the operations over it. The store is swapped whole
 * (never mutated), so a request sees one consistent content from start to end.
 */
public final class Terminology {
  private volatile TerminologyStore store;
  private final CompletableFuture<TerminologyStore> loading;
  private final LookupService lookup = new LookupService();
  private final TranslateService translate = new TranslateService();
  private final ExpandService expand = new ExpandService();
  private final ValidateService validate = new ValidateService();
  private final SubsumesService subsumes = new SubsumesService();

  public Terminology(TerminologyStore store) {
    this.store = Objects.requireNonNull(store);
    this.loading = CompletableFuture.completedFuture(store);
  }

  /**
   * Content still loading: the server starts meanwhile, and every use of the content waits for it (start-up time
   * is the longer of the two, not their sum).
   */
  public Terminology(CompletableFuture<TerminologyStore> loading) {
    this.loading = Objects.requireNonNull(loading);
  }

  /** The content; waits while it loads, and rethrows the failure of a load that failed. */
  public TerminologyStore store() {
    TerminologyStore s = store;
    if (s == null) {
      try {
        s = loading.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : e;
      }
      store = s;
    }
    return s;
  }

  public boolean isLoaded() {
    return store != null || (loading.isDone() && !loading.isCompletedExceptionally());
  }

  public void replace(TerminologyStore newStore) {
    this.store = Objects.requireNonNull(newStore);
  }

  public LookupResult lookup(TerminologyStore content, LookupRequest request) {
    return lookup.lookup(content, request);
  }

  public TranslateResult translate(TerminologyStore content, TranslateRequest request) {
    return translate.translate(content, request);
  }

  public ExpandResult expand(TerminologyStore content, ExpandRequest request) {
    return expand.expand(content, request);
  }

  /** The best {@code count} matches of typed text over the code systems named, ranked as one list. */
  public TextSearch search(TerminologyStore content, String text, java.util.List<String> systems, int count) {
    return TextSearch.run(expand, content, text, systems, count);
  }

  public ValidateResult validate(TerminologyStore content, ValidateRequest request) {
    return validate.validate(content, request);
  }

  public String subsumes(TerminologyStore content, String system, String version, String codeA, String codeB) {
    return subsumes.subsumes(content, system, version, codeA, codeB);
  }
}
