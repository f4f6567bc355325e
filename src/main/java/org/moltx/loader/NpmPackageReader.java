package org.moltx.loader;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a FHIR NPM package ({@code .tgz}): {@code package/package.json} names it; of the resources at the top of
 * {@code package/} it keeps the CodeSystems, ValueSets and ConceptMaps (indexed, JSON deflated, read once by HAPI
 * here and parsed again on first use) and the code-system NamingSystems (their aliases). A file that is not a gzip
 * tar, or an entry of those types that does not parse (as JSON, or as FHIR R4 by HAPI), stops the load with the
 * file, the entry and the reason; other resources are not read past their resourceType.
 */
public final class NpmPackageReader {
  static final Set<String> TERMINOLOGY = Set.of("CodeSystem", "ValueSet", "ConceptMap");
  private static final Set<String> KEPT = Set.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem");
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int IN_FLIGHT_KB = 8 * 1024;

  private NpmPackageReader() {}

  /** The package, from its compiled index ({@link PackageSnapshot}) when one is current, else read from the file. */
  public static FhirPackage read(Path file) {
    FhirPackage indexed = PackageSnapshot.read(file);
    return indexed != null ? indexed : readPackageFile(file);
  }

  /** The package read from its file: decompressed, each entry of a kept type parsed and deflated. */
  static FhirPackage readPackageFile(Path file) {
    String name = null;
    String version = null;
    // decompression on this thread, parsing and deflating of the entries on two others: start-up time
    ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "package-index");
      t.setDaemon(true);
      return t;
    });
    List<Future<Object>> indexed = new ArrayList<>();
    Semaphore inFlight = new Semaphore(IN_FLIGHT_KB);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 65536)) {
      GzipCompressorInputStream gz;
      try {
        gz = new GzipCompressorInputStream(raw);
      } catch (IOException e) {
        throw new LoadException(file.toString(), 0, "not a gzip-compressed tar (a FHIR NPM package .tgz): "
            + e.getMessage(), e);
      }
      TarArchiveInputStream tar = new TarArchiveInputStream(gz);
      for (TarArchiveEntry entry = nextEntry(tar, file); entry != null; entry = nextEntry(tar, file)) {
        String path = entry.getName();
        if (!entry.isFile() || !path.startsWith("package/") || !path.endsWith(".json")
            || path.indexOf('/', "package/".length()) >= 0) {
          continue; // examples, other/, xml/ and openapi/ folders: not the package's resources
        }
        byte[] bytes = tar.readAllBytes();
        if (path.equals("package/package.json")) {
          JsonNode manifest = tree(bytes, file, path);
          name = manifest.path("name").asText(null);
          version = manifest.path("version").asText(null);
        } else if (!path.equals("package/.index.json")) {
          String where = file.getFileName() + "#" + path;
          // at most IN_FLIGHT_KB of entries wait for a worker: decompressing is faster than parsing
          int kb = Math.min(IN_FLIGHT_KB, bytes.length / 1024 + 1);
          inFlight.acquireUninterruptibly(kb);
          indexed.add(workers.submit(() -> {
            try {
              return index(bytes, file, path, where);
            } finally {
              inFlight.release(kb);
            }
          }));
        }
      }
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "cannot read the package: " + e.getMessage(), e);
    } finally {
      workers.shutdown();
    }
    List<PackageResource> resources = new ArrayList<>();
    List<PackageNamingSystem> namingSystems = new ArrayList<>();
    for (Future<Object> f : indexed) {
      Object r = result(f);
      if (r instanceof PackageResource pr) {
        resources.add(pr);
      } else if (r instanceof PackageNamingSystem ns) {
        namingSystems.add(ns);
      }
    }
    if (name == null || version == null) {
      throw new LoadException(file.toString(), 0,
          "not a FHIR NPM package: no package/package.json with a name and a version");
    }
    return new FhirPackage(name, version, file.toString(), List.copyOf(resources), List.copyOf(namingSystems));
  }

  /** The first failing entry's LoadException, in the package's order. */
  private static Object result(Future<Object> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing a package", e);
    }
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path file) {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "not a gzip-compressed tar (a FHIR NPM package .tgz): "
          + e.getMessage(), e);
    }
  }

  /**
   * The entry's terminology resource (type, id, url, version and content, from a streaming read that also checks the
   * whole entry), its NamingSystem of a code system, or null for anything else.
   */
  private static Object index(byte[] bytes, Path file, String path, String where) {
    String type = null;
    String id = null;
    String url = null;
    String version = null;
    String content = null;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new LoadException(file.toString(), 0, "entry " + path + ": not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          switch (field) {
            case "resourceType" -> {
              type = p.getText();
              if (!KEPT.contains(type)) {
                return null; // not served (THO's 25 MB of example Bundles, its ImplementationGuide): not read on
              }
            }
            case "id" -> id = p.getText();
            case "url" -> url = p.getText();
            case "version" -> version = p.getText();
            case "content" -> content = p.getText();
            default -> { }
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new LoadException(file.toString(), 0, "entry " + path + ": text after the resource");
      }
    } catch (JsonProcessingException e) {
      throw new LoadException(file.toString(), 0, "entry " + path + " does not parse: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "entry " + path + ": " + e.getMessage(), e);
    }
    if (type == null) {
      throw new LoadException(file.toString(), 0, "entry " + path + ": no resourceType");
    }
    if (TERMINOLOGY.contains(type)) {
      if (url == null) {
        throw new LoadException(file.toString(), 0, "entry " + path + ": the " + type + " has no url");
      }
      PackageResource resource = new PackageResource(type, id, url, version, content, where,
          PackageResource.deflate(bytes));
      // read by HAPI now, as it will be on first use: a value it refuses (a malformed date, an unknown code) stops
      // the load naming the entry, not a request later with a 500 (the build does this for its compiled indexes)
      resource.parse(FhirContext.forR4Cached(), bytes);
      return resource;
    }
    return type.equals("NamingSystem") ? namingSystem(tree(bytes, file, path), where) : null;
  }

  /** A code system's names, or null for a NamingSystem of identifiers or one without a uri to resolve to. */
  static PackageNamingSystem namingSystem(JsonNode ns, String where) {
    if (!"codesystem".equals(ns.path("kind").asText())) {
      return null;
    }
    String canonical = null;
    List<String> names = new ArrayList<>();
    for (JsonNode id : ns.path("uniqueId")) {
      String type = id.path("type").asText();
      String value = id.path("value").asText(null);
      if (value == null || value.isBlank()) {
        continue;
      }
      if (type.equals("uri")) {
        if (canonical == null || id.path("preferred").asBoolean(false) && !preferred(ns, canonical)) {
          canonical = value;
        }
        names.add(value);
      } else if (type.equals("oid")) {
        names.add(value.startsWith("urn:oid:") ? value : "urn:oid:" + value);
      }
    }
    if (canonical == null) {
      return null;
    }
    String c = canonical;
    return new PackageNamingSystem(canonical, names.stream().filter(n -> !n.equals(c)).distinct().toList(), where);
  }

  private static boolean preferred(JsonNode ns, String uri) {
    for (JsonNode id : ns.path("uniqueId")) {
      if ("uri".equals(id.path("type").asText()) && uri.equals(id.path("value").asText())) {
        return id.path("preferred").asBoolean(false);
      }
    }
    return false;
  }

  private static JsonNode tree(byte[] bytes, Path file, String path) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new LoadException(file.toString(), 0, "entry " + path + " does not parse: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "entry " + path + ": " + e.getMessage(), e);
    }
  }
}
