package org.moltx.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;

/**
 * Fallbacks in order of precedence (the FHIR packages, then the FHIR core terminology): the first that defines a
 * canonical answers for it, so a package's versions replace the core terminology's.
 */
public final class ChainedFallback implements FallbackSource {
  private final List<FallbackSource> sources;

  private ChainedFallback(List<FallbackSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The sources, first wins; NONE entries dropped, one source returned as it is. */
  public static FallbackSource of(List<FallbackSource> sources) {
    List<FallbackSource> real = sources.stream().filter(s -> s != FallbackSource.NONE).toList();
    return real.isEmpty() ? FallbackSource.NONE : real.size() == 1 ? real.get(0) : new ChainedFallback(real);
  }

  @Override
  public List<StoredCodeSystem> codeSystemVersions(String url) {
    return first(s -> s.codeSystemVersions(url), found -> !found.isEmpty(), List.of());
  }

  @Override
  public List<ValueSet> valueSetVersions(String url) {
    return first(s -> s.valueSetVersions(url), found -> !found.isEmpty(), List.of());
  }

  /** The first answer that counts as found, in precedence order; {@code none} when no source has one. */
  private <T> T first(Function<FallbackSource, T> ask, Predicate<T> found, T none) {
    for (FallbackSource s : sources) {
      T answer = ask.apply(s);
      if (found.test(answer)) {
        return answer;
      }
    }
    return none;
  }

  @Override
  public boolean defines(String url) {
    return sources.stream().anyMatch(s -> s.defines(url));
  }

  @Override
  public String codeSystemUrlOfId(String id) {
    return first(s -> s.codeSystemUrlOfId(id), Objects::nonNull, null);
  }

  @Override
  public String valueSetUrlOfId(String id) {
    return first(s -> s.valueSetUrlOfId(id), Objects::nonNull, null);
  }

  @Override
  public List<Canonical> codeSystemCanonicals() {
    List<Canonical> all = new ArrayList<>();
    Set<String> earlier = new HashSet<>();
    for (FallbackSource s : sources) {
      List<Canonical> own = s.codeSystemCanonicals();
      own.stream().filter(c -> !earlier.contains(c.url())).forEach(all::add);
      own.forEach(c -> earlier.add(c.url()));
    }
    return all;
  }
}
