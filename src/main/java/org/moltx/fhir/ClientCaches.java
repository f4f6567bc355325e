package org.moltx.fhir;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resources a terminology client leaves with the server between calls, so that it can send a value set or code
 * system once and name it by url afterwards: the HL7 Tools IG's {@code $cache-control} caches (server-issued id,
 * sent back in the {@code X-Cache-Id} header) and the older {@code cache-id} parameter (client-chosen id, created on
 * first use). Bounded in memory and time: at most {@link #MAX_CACHES} caches of at most {@link #MAX_RESOURCES}
 * resources each, each dropped after {@link #IDLE} unused.
 */
final class ClientCaches {
  static final int MAX_CACHES = 256;
  static final int MAX_RESOURCES = 500;
  static final Duration IDLE = Duration.ofMinutes(30);
  static final String HEADER = "X-Cache-Id";

  /** One client's resources, in the order sent. */
  static final class ClientCache {
    private final boolean sealed;
    private final List<Map.Entry<String, Resource>> resources = new ArrayList<>();

    ClientCache(boolean sealed) {
      this.sealed = sealed;
    }

    synchronized List<Resource> resources() {
      return resources.stream().map(Map.Entry::getValue).toList();
    }

    synchronized int size() {
      return resources.size();
    }

    boolean sealed() {
      return sealed;
    }

    /**
     * Keeps the resources of one request (unless sealed, after the start). They replace what earlier requests left
     * under the same canonical url|version; within one request all stay, as tx-resources of one request do. A full
     * cache is refused with a 422, never trimmed behind the client's back.
     */
    synchronized void add(List<? extends Resource> more, boolean starting) {
      if (sealed && !starting || more.isEmpty()) {
        return;
      }
      Set<String> keys = new HashSet<>();
      more.forEach(r -> keys.add(r.fhirType() + "|" + canonical(r)));
      resources.removeIf(e -> keys.contains(e.getKey()));
      if (resources.size() + more.size() > MAX_RESOURCES) {
        throw new UnprocessableEntityException("The terminology cache would hold more than " + MAX_RESOURCES
            + " resources, its limit; start a new one");
      }
      more.forEach(r -> resources.add(Map.entry(r.fhirType() + "|" + canonical(r), r)));
    }
  }

  /** url|version of a CodeSystem, ValueSet or ConceptMap (what the stores key them by); else the id. */
  private static String canonical(Resource r) {
    if (r instanceof org.hl7.fhir.r4.model.MetadataResource m && m.hasUrl()) {
      return m.getUrl() + "|" + m.getVersion();
    }
    return "#" + r.getIdElement().getIdPart();
  }

  private static final Cache<String, ClientCache> CACHES = Caffeine.newBuilder()
      .maximumSize(MAX_CACHES).expireAfterAccess(IDLE).build();

  private ClientCaches() {}

  /** A new server-issued cache ($cache-control mode=start). */
  static String start(boolean sealed, List<? extends Resource> resources) {
    String id = UUID.randomUUID().toString();
    ClientCache cache = new ClientCache(sealed);
    cache.add(resources, true);
    CACHES.put(id, cache);
    return id;
  }

  /** The cache a server issued; an id it does not know (never issued, ended or expired) is a 404. */
  static ClientCache issued(String id) {
    ClientCache cache = CACHES.getIfPresent(id);
    if (cache == null) {
      ResourceNotFoundException e = new ResourceNotFoundException("The terminology cache '" + id + "' is not known "
          + "(never started, ended, or unused for " + IDLE.toMinutes() + " minutes): start a new one");
      org.hl7.fhir.r4.model.OperationOutcome oo = ErrorMapper.outcome(IssueType.NOTFOUND, e.getMessage(), null);
      oo.getIssueFirstRep().getDetails().addCoding(new Coding(ErrorMapper.TX_ISSUE_TYPE, "cache-id-unknown", null));
      e.setOperationOutcome(oo);
      throw e;
    }
    return cache;
  }

  /** The cache a client names with the cache-id parameter, made on first use. */
  static ClientCache named(String id) {
    if (id.isEmpty() || id.length() > 64 || !id.matches("[A-Za-z0-9\\-.]+")) {
      throw ErrorMapper.invalid("cache-id must be an id (1 to 64 letters, digits, '-' or '.'), not '" + id + "'",
          "cache-id");
    }
    return CACHES.get("param:" + id, k -> new ClientCache(false));
  }

  static void end(String id) {
    issued(id);
    CACHES.invalidate(id);
  }
}
