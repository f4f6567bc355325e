package org.moltx.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A cache of serialized FHIR responses in front of the FHIR servlet. The content is immutable between reloads, so a
 * GET under /fhir answers the same bytes until the next reload: a hit writes them without touching HAPI.
 *
 * <ul>
 *   <li>Only GET (and HEAD) under /fhir, without a body and without {@code tx-resource} or a client terminology
 *       cache ({@code cache-id}, {@code X-Cache-Id}), which bring content of their own, and without
 *       {@code diagnostics}; never POST, never /cds-services.</li>
 *   <li>Only status 200 is stored: the body bytes with Content-Type, Content-Encoding and Vary (the cache sits in
 *       front of gzip, so compressed and plain answers are separate entries).</li>
 *   <li>The key is the full URL (scheme, host, path, query with _format etc.), the Accept and Accept-Language headers
 *       ($expand and $validate-code read the display language from Accept-Language when the request names none) and
 *       whether gzip is accepted; internally also the content generation, so an answer computed on old content is
 *       never served after a reload.</li>
 *   <li>The ETag is the content tag (a fingerprint of the content files plus the generation) and a hash of the key:
 *       known before the answer is computed, so a matching If-None-Match gets 304 even after eviction. It is weak
 *       (W/"...") for the answers that carry fields of their own computation ({@code $expand}: a fresh
 *       expansion.identifier and timestamp; {@code /metadata}: the statement's date): a recomputed answer means the
 *       same but is not byte for byte the one tagged before, which is what a weak validator says. The others are
 *       the same bytes whenever computed on the same content, so theirs is strong.</li>
 *   <li>Bounded by entries and bytes: each entry weighs at least bytes/entries, so neither bound can be passed; LRU
 *       (Caffeine's W-TinyLFU) decides what goes.</li>
 * </ul>
 */
public final class ResponseCache extends Handler.Wrapper {
  private static final String PREFIX = "/fhir";

  private record Entry(byte[] body, String etag, HttpField contentType, HttpField contentEncoding, HttpField vary) {}

  private final Cache<String, Entry> cache;
  private final boolean enabled;
  private final int maxEntryBytes;
  private final HttpField cacheControl;
  private final AtomicLong generation = new AtomicLong();
  private volatile String contentTag;
  private final Counter hits;
  private final Counter misses;
  private final Counter notModified;
  private final Counter stored;

  public ResponseCache(int maxEntries, long maxBytes, int maxAgeSeconds, String contentTag, MeterRegistry metrics,
      Handler next) {
    super(next);
    this.enabled = maxEntries > 0 && maxBytes > 0;
    long perEntry = enabled ? Math.max(1, maxBytes / maxEntries) : 1;
    this.maxEntryBytes = (int) Math.min(Integer.MAX_VALUE - 64, Math.max(64 * 1024, maxBytes / 8));
    this.cache = Caffeine.newBuilder()
        .maximumWeight(enabled ? maxBytes : 0)
        .weigher((String k, Entry e) -> (int) Math.min(Integer.MAX_VALUE,
            Math.max(perEntry, e.body.length + 2L * k.length() + 128)))
        .build();
    this.cacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds);
    this.contentTag = contentTag;
    this.hits = Counter.builder("moltx.cache.requests").tag("result", "hit")
        .description("GET requests under /fhir answered from the response cache").register(metrics);
    this.misses = Counter.builder("moltx.cache.requests").tag("result", "miss")
        .description("cacheable GET requests that the FHIR servlet answered").register(metrics);
    this.notModified = Counter.builder("moltx.cache.requests").tag("result", "not_modified")
        .description("conditional GET requests answered 304").register(metrics);
    this.stored = Counter.builder("moltx.cache.stored").description("responses stored in the cache").register(metrics);
    Gauge.builder("moltx.cache.entries", cache, Cache::estimatedSize).register(metrics);
    Gauge.builder("moltx.cache.bytes", cache,
        c -> c.policy().eviction().map(ev -> (double) ev.weightedSize().orElse(0)).orElse(0.0))
        .baseUnit("bytes").register(metrics);
  }

  /** New content is being served: drop every entry, and change the ETags. */
  public void contentChanged(String newContentTag) {
    long g = generation.incrementAndGet();
    contentTag = newContentTag + "g" + g;
    cache.invalidateAll();
  }

  public long size() {
    return cache.estimatedSize();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!enabled || !cacheable(request)) {
      return super.handle(request, response, callback);
    }
    HttpFields headers = request.getHeaders();
    String key = key(request, headers);
    String ifNoneMatch = headers.get(HttpHeader.IF_NONE_MATCH);
    Entry entry = cache.getIfPresent(key);
    if (entry != null) {
      if (matches(ifNoneMatch, entry.etag)) {
        notModified.increment();
        notModified(response, callback, entry.etag);
      } else {
        hits.increment();
        write(response, callback, entry);
      }
      return true;
    }
    String etag = etag(key, volatileAnswer(request));
    if (matches(ifNoneMatch, etag)) {
      notModified.increment();
      notModified(response, callback, etag);
      return true;
    }
    misses.increment();
    Capture capture = new Capture(request, response, etag);
    return super.handle(request, capture, new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        capture.store(key);
        super.succeeded();
      }
    });
  }

  private static boolean cacheable(Request request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return false;
    }
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    if (path == null || !path.startsWith(PREFIX) || path.length() > PREFIX.length() && path.charAt(5) != '/') {
      return false;
    }
    // tx-resource and a client cache bring content of their own; diagnostics describe this one computation
    String query = uri.getQuery();
    if (query != null && (query.contains("tx-resource") || query.contains("cache-id") || query.contains("diagnostics"))
        || request.getHeaders().contains("X-Cache-Id")) {
      return false;
    }
    return request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }

  private String key(Request request, HttpFields headers) {
    HttpURI uri = request.getHttpURI();
    String accept = headers.get(HttpHeader.ACCEPT);
    String language = headers.get(HttpHeader.ACCEPT_LANGUAGE);
    StringBuilder k = new StringBuilder(128);
    k.append(generation.get()).append(' ').append(request.getMethod()).append(' ').append(uri.getScheme())
        .append("://").append(uri.getAuthority()).append(uri.getPathQuery())
        .append(" a=").append(accept == null ? "" : accept)
        .append(" l=").append(language == null ? "" : language)
        .append(" gz=").append(acceptsGzip(headers.get(HttpHeader.ACCEPT_ENCODING)));
    return k.toString();
  }

  /** Whether gzip is acceptable: named without q=0 (the common case is decided without parsing). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null || !acceptEncoding.contains("gzip")) {
      return false;
    }
    if (!acceptEncoding.contains("q=")) {
      return true;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.split(";");
      if (!parts[0].trim().equalsIgnoreCase("gzip")) {
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.startsWith("q=")) {
          try {
            return Double.parseDouble(param.substring(2).trim()) > 0;
          } catch (NumberFormatException e) {
            return false;
          }
        }
      }
      return true;
    }
    return false;
  }

  /** weak: the answer carries fields of its own computation (see the class comment). */
  private String etag(String key, boolean weak) {
    CRC32C crc = new CRC32C();
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    crc.update(bytes);
    long h = (crc.getValue() << 32) ^ (key.hashCode() & 0xffffffffL);
    return (weak ? "W/" : "") + "\"" + contentTag + "-" + Long.toHexString(h) + "\"";
  }

  /** An $expand (fresh identifier and timestamp) or /metadata (its date) answer: the same meaning, new bytes. */
  static boolean volatileAnswer(Request request) {
    String path = request.getHttpURI().getDecodedPath();
    return path != null && (path.endsWith("/$expand") || path.equals(PREFIX + "/metadata"));
  }

  /** If-None-Match compares weakly (RFC 9110 13.1.2): W/ prefixes aside, the tags must be the same. */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String tag = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = opaque(candidate.trim());
      if (c.equals(tag) || c.equals("*")) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String etag) {
    return etag.startsWith("W/") ? etag.substring(2) : etag;
  }

  private void notModified(Response response, Callback callback, String etag) {
    response.setStatus(304);
    response.getHeaders().put(HttpHeader.ETAG, etag);
    response.getHeaders().put(cacheControl);
    response.write(true, null, callback);
  }

  private void write(Response response, Callback callback, Entry e) {
    response.setStatus(200);
    HttpFields.Mutable h = response.getHeaders();
    if (e.contentType != null) {
      h.put(e.contentType);
    }
    if (e.contentEncoding != null) {
      h.put(e.contentEncoding);
    }
    if (e.vary != null) {
      h.put(e.vary);
    }
    h.put(HttpHeader.ETAG, e.etag);
    h.put(cacheControl);
    h.put(HttpHeader.CONTENT_LENGTH, e.body.length);
    response.write(true, ByteBuffer.wrap(e.body), callback);
  }

  /** Copies what the servlet writes, and adds ETag and Cache-Control to a 200 as it commits. */
  private final class Capture extends Response.Wrapper {
    private final String etag;
    private final boolean head;
    private ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
    private boolean first = true;
    private int status;

    Capture(Request request, Response response, String etag) {
      super(request, response);
      this.etag = etag;
      this.head = "HEAD".equals(request.getMethod());
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
      if (first) {
        first = false;
        status = getStatus();
        if (status == 200) {
          HttpFields.Mutable h = getHeaders();
          h.put(HttpHeader.ETAG, etag);
          if (!h.contains(HttpHeader.CACHE_CONTROL)) {
            h.put(cacheControl);
          }
          h.remove(HttpHeader.LAST_MODIFIED);
        } else {
          body = null;
        }
      }
      if (body != null && content != null && content.hasRemaining()) {
        if (body.size() + content.remaining() > maxEntryBytes) {
          body = null;
        } else {
          ByteBuffer copy = content.slice();
          byte[] chunk = new byte[copy.remaining()];
          copy.get(chunk);
          body.write(chunk, 0, chunk.length);
        }
      }
      super.write(last, content, callback);
    }

    void store(String key) {
      if (body == null || head || status != 200 || getStatus() != 200) {
        return;
      }
      HttpFields h = getHeaders();
      if (h.contains(HttpHeader.SET_COOKIE)) {
        return;
      }
      cache.put(key, new Entry(body.toByteArray(), etag, h.getField(HttpHeader.CONTENT_TYPE),
          h.getField(HttpHeader.CONTENT_ENCODING), h.getField(HttpHeader.VARY)));
      stored.increment();
    }
  }
}
