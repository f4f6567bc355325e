package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A FHIR NPM package is indexed, not parsed; what is not a package, or an entry that does not parse, says where. */
public class NpmPackageReaderTest {
  public static final String PACKAGE_JSON = "{\"name\":\"example.terminology\",\"version\":\"1.0.0\"}";
  @TempDir Path dir;

  /** A .tgz of these entries (name below package/ to JSON text). */
  public static Path tgz(Path file, Map<String, String> entries) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("package/" + e.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  @Test
  void hl7TerminologyIsIndexedWithItsNamingSystems() {
    FhirPackage tho = NpmPackageReader.read(Path.of("terminology/releases/hl7.terminology.r4-7.0.1.tgz"));
    assertThat(tho.id()).isEqualTo("hl7.terminology.r4#7.0.1");
    assertThat(tho.resources().stream().filter(r -> r.type().equals("CodeSystem")).count()).isEqualTo(897);
    assertThat(tho.resources().stream().filter(r -> r.type().equals("ValueSet")).count()).isEqualTo(2499);
    assertThat(tho.namingSystems()).filteredOn(ns -> ns.canonical().equals("http://hl7.org/fhir/sid/icd-10-cm"))
        .singleElement().satisfies(ns -> assertThat(ns.aliases()).containsExactlyInAnyOrder(
            "urn:oid:2.16.840.1.113883.6.90", "http://terminology.hl7.org/CodeSystem/icd10CM"));
    PackageResource v20203 = tho.resources().stream()
        .filter(r -> r.url().equals("http://terminology.hl7.org/CodeSystem/v2-0203")).findFirst().orElseThrow();
    assertThat(v20203.version()).isEqualTo("5.0.0");
    assertThat(v20203.source()).isEqualTo("hl7.terminology.r4-7.0.1.tgz#package/CodeSystem-v2-0203.json");
    String json = new String(v20203.json(), StandardCharsets.UTF_8); // kept deflated, given back whole
    assertThat(json.substring(0, 43)).isEqualTo("{\"resourceType\":\"CodeSystem\",\"id\":\"v2-0203\"");
    assertThat(json).endsWith("]}");
  }

  @Test
  void aFileThatIsNotAGzipTarIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-package.tgz"), "{\"resourceType\":\"CodeSystem\"}");
    assertThatThrownBy(() -> NpmPackageReader.read(file)).isInstanceOf(LoadException.class)
        .hasMessage(file + ": not a gzip-compressed tar (a FHIR NPM package .tgz): Input is not in the .gz format");
  }

  @Test
  void anEntryThatDoesNotParseIsNamed() throws IOException {
    Path file = tgz(dir.resolve("broken.tgz"), Map.of("package.json", PACKAGE_JSON,
        "CodeSystem-x.json", "{\"resourceType\":\"CodeSystem\",\"url\":\"http://example.org/x\",\n\"concept\":[}"));
    assertThatThrownBy(() -> NpmPackageReader.read(file)).isInstanceOf(LoadException.class)
        .hasMessageStartingWith(file + ": entry package/CodeSystem-x.json does not parse: Unexpected close marker '}'")
        .hasMessageEndingWith("(line 2)");
  }

  @Test
  void anEntryHapiCannotReadIsNamedAtLoad() throws IOException {
    Path file = tgz(dir.resolve("bad-date.tgz"), Map.of("package.json", PACKAGE_JSON, "CodeSystem-x.json",
        "{\"resourceType\":\"CodeSystem\",\"url\":\"http://example.org/x\",\"date\":\"yesterday\"}"));
    assertThatThrownBy(() -> NpmPackageReader.read(file)).isInstanceOf(LoadException.class)
        .hasMessage("bad-date.tgz#package/CodeSystem-x.json: does not parse as a FHIR R4 CodeSystem: HAPI-1821: "
            + "[element=\"date\"] Invalid attribute value \"yesterday\": Invalid date/time format: \"yesterday\"");
  }

  @Test
  void aTarWithoutPackageJsonIsNotAPackage() throws IOException {
    Path file = tgz(dir.resolve("nameless.tgz"), Map.of("ValueSet-x.json",
        "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs\"}"));
    assertThatThrownBy(() -> NpmPackageReader.read(file)).isInstanceOf(LoadException.class)
        .hasMessage(file + ": not a FHIR NPM package: no package/package.json with a name and a version");
  }
}
