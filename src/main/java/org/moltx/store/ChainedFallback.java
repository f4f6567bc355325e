package org.moltx.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
    return first(s -> s.codeSystemVersions(url));
  }

  @Override
  public List<ValueSet> valueSetVersions(String url) {
    return first(s -> s.valueSetVersions(url));
  }

  /** What the first source that has any gives. */
  private <T> List<T> first(Function<FallbackSource, List<T>> lookup) {
    for (FallbackSource s : sources) {
      List<T> found = lookup.apply(s);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  @Override
  public boolean defines(String url) {
    return sources.stream().anyMatch(s -> s.defines(url));
  }

  @Override
  public String codeSystemUrlOfId(String id) {
    return firstFound(s -> s.codeSystemUrlOfId(id));
  }

  @Override
  public String valueSetUrlOfId(String id) {
    return firstFound(s -> s.valueSetUrlOfId(id));
  }

  /** The first source's answer that is not null, in precedence order. */
  private String firstFound(Function<FallbackSource, String> ask) {
    for (FallbackSource s : sources) {
      String answer = ask.apply(s);
      if (answer != null) {
        return answer;
      }
    }
    return null;
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
