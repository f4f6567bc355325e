package org.moltx.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds the FHIR NPM package of the authored content (the FHIR resources at the top of {@code terminology/}; the
 * official releases are not FHIR resources and stay out): {@code package/package.json}, {@code package/.index.json}
 * and one file per resource, as HAPI JPA, the HL7 validator and other servers load terminology. Run by the build at
 * the package phase: {@code NpmPackage <terminology dir> <output .tgz> <version>}.
 */
public final class NpmPackage {
  public static final String NAME = "org.moltx.terminology";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final long MTIME = 1_767_225_600L; // 2026-01-01: reproducible archives

  private NpmPackage() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: NpmPackage <terminology dir> <output .tgz> <version>");
      System.exit(2);
    }
    Path out = build(Path.of(args[0]), Path.of(args[1]), args[2]);
    System.out.println("FHIR package " + NAME + "#" + args[2] + ": " + out);
  }

  public static Path build(Path terminology, Path output, String version) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ArrayNode index = JSON.createArrayNode();
    List<Path> resources;
    try (Stream<Path> list = Files.list(terminology)) {
      resources = list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted()
          .toList();
    }
    for (Path p : resources) {
      byte[] bytes = Files.readAllBytes(p);
      JsonNode r = JSON.readTree(bytes);
      if (r == null || !r.hasNonNull("resourceType")) {
        throw new IOException(p.getFileName() + " is not a FHIR resource (no resourceType)");
      }
      String filename = p.getFileName().toString();
      files.put(filename, bytes);
      ObjectNode entry = index.addObject();
      entry.put("filename", filename);
      entry.put("resourceType", r.get("resourceType").asText());
      for (String field : List.of("id", "url", "version", "kind", "type", "content", "supplements")) {
        if (r.hasNonNull(field) && r.get(field).isValueNode()) {
          entry.put(field, r.get(field).asText());
        }
      }
    }
    ObjectNode indexJson = JSON.createObjectNode();
    indexJson.put("index-version", 1);
    indexJson.set("files", index);

    ObjectNode pkg = JSON.createObjectNode();
    pkg.put("name", NAME);
    pkg.put("version", version);
    pkg.put("description", "moltx authored terminology: CPT molecular pathology and HCPCS fragments, value sets and "
        + "concept maps between CPT, ICD-10-CM and NUCC (FHIR R4)");
    pkg.put("author", "moltx");
    pkg.put("canonical", "http://moltx.org/fhir");
    pkg.put("url", "http://moltx.org/fhir");
    pkg.put("type", "fhir.ig");
    pkg.put("license", "UNLICENSED");
    pkg.putArray("fhirVersions").add("4.0.1");
    pkg.putObject("dependencies").put("hl7.fhir.r4.core", "4.0.1");
    pkg.putArray("keywords").add("terminology").add("CPT").add("ICD-10-CM").add("molecular pathology");

    Files.createDirectories(output.toAbsolutePath().getParent());
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(output));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tarEntry(tar, "package/package.json", JSON.writeValueAsBytes(pkg));
      tarEntry(tar, "package/.index.json", JSON.writeValueAsBytes(indexJson));
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        tarEntry(tar, "package/" + f.getKey(), f.getValue());
      }
    }
    return output;
  }

  /** One regular file, dated {@link #MTIME}: the same content makes the same archive. */
  private static void tarEntry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(0100644);
    entry.setModTime(MTIME * 1000);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** The entries of a package: name to bytes (for tests and tools). */
  public static Map<String, byte[]> read(Path tgz) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.put(e.getName(), tar.readAllBytes());
      }
    }
    return entries;
  }
}
