package org.moltx.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

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
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(output))) {
      tarEntry(out, "package/package.json", JSON.writeValueAsBytes(pkg));
      tarEntry(out, "package/.index.json", JSON.writeValueAsBytes(indexJson));
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        tarEntry(out, "package/" + f.getKey(), f.getValue());
      }
      out.write(new byte[1024]); // two empty blocks end the archive
    }
    return output;
  }

  /** One regular file in ustar format. */
  private static void tarEntry(OutputStream out, String name, byte[] content) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      throw new IOException("file name too long for the package: " + name);
    }
    byte[] h = new byte[512];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, content.length);
    octal(h, 136, 12, MTIME);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = '0';
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    out.write(h);
    out.write(content);
    int pad = (512 - content.length % 512) % 512;
    out.write(new byte[pad]);
  }

  private static void octal(byte[] h, int offset, int length, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - s.length())) + s;
    byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, Math.min(b.length, length - 1));
    h[offset + length - 1] = 0;
  }

  /** The entries of a package: name to bytes (for tests and tools). */
  public static Map<String, byte[]> read(Path tgz) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    byte[] all;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(tgz))) {
      all = in.readAllBytes();
    }
    int pos = 0;
    while (pos + 512 <= all.length) {
      if (all[pos] == 0) {
        break;
      }
      int end = pos;
      while (end < pos + 100 && all[end] != 0) {
        end++;
      }
      String name = new String(all, pos, end - pos, StandardCharsets.UTF_8);
      String size = new String(all, pos + 124, 11, StandardCharsets.US_ASCII).trim();
      int length = Integer.parseInt(size.isEmpty() ? "0" : size, 8);
      byte[] content = new byte[length];
      System.arraycopy(all, pos + 512, content, 0, length);
      entries.put(name, content);
      pos += 512 + ((length + 511) / 512) * 512;
    }
    return entries;
  }
}
