package org.moltx.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.Canonical;

/**
 * A fallback whose definitions come in parts (files) loaded on first need: an index names the part that defines
 * each canonical, and a part is loaded once, by one thread, when a canonical it defines is first asked for. A
 * canonical no part defines costs nothing.
 */
public final class LazyFallback implements FallbackSource {
  private final Supplier<Map<String, String>> index;
  private volatile Map<String, String> partByCanonical;
  private final Function<String, TerminologyStore> loader;
  private final Map<String, TerminologyStore> loaded = new ConcurrentHashMap<>();
  private final Listing listing;

  /**
   * What a fallback can tell of its content without loading a part: the urls of its code systems' and value sets'
   * logical ids, and its code systems' url|version (for read by id and TerminologyCapabilities).
   */
  public record Listing(Map<String, String> codeSystemIds, Map<String, String> valueSetIds,
      List<Canonical> codeSystems) {
    public static final Listing NONE = new Listing(Map.of(), Map.of(), List.of());
  }

  /**
   * @param index canonical url to the name of the part that defines it; read on the first look-up
   * @param loader loads a part by name into a store of its own
   */
  public LazyFallback(Supplier<Map<String, String>> index, Function<String, TerminologyStore> loader) {
    this(index, loader, Listing.NONE);
  }

  public LazyFallback(Supplier<Map<String, String>> index, Function<String, TerminologyStore> loader,
      Listing listing) {
    this.index = index;
    this.loader = loader;
    this.listing = listing;
  }

  @Override
  public boolean defines(String url) {
    return url != null && index().containsKey(url);
  }

  @Override
  public String codeSystemUrlOfId(String id) {
    return listing.codeSystemIds().get(id);
  }

  @Override
  public String valueSetUrlOfId(String id) {
    return listing.valueSetIds().get(id);
  }

  @Override
  public List<Canonical> codeSystemCanonicals() {
    return listing.codeSystems();
  }

  @Override
  public List<StoredCodeSystem> codeSystemVersions(String url) {
    TerminologyStore part = part(url);
    return part == null ? List.of() : part.codeSystemVersions(url);
  }

  @Override
  public List<ValueSet> valueSetVersions(String url) {
    TerminologyStore part = part(url);
    return part == null ? List.of() : part.valueSetVersions(url);
  }

  /** Whether any part has been loaded yet. */
  public boolean anyLoaded() {
    return !loaded.isEmpty();
  }

  private Map<String, String> index() {
    Map<String, String> i = partByCanonical;
    if (i == null) {
      synchronized (this) {
        if (partByCanonical == null) {
          partByCanonical = Map.copyOf(index.get());
        }
        i = partByCanonical;
      }
    }
    return i;
  }

  private TerminologyStore part(String url) {
    String name = url == null ? null : index().get(url);
    // computeIfAbsent loads a part once; threads asking for the same part meanwhile wait for it
    return name == null ? null : loaded.computeIfAbsent(name, loader);
  }
}
