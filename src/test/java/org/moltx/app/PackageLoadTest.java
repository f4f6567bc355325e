package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.loader.LoadException;
import org.moltx.loader.NpmPackageReaderTest;
import org.moltx.store.TerminologyStore;

/** A user's package (--package): precedence, aliases, and bad input that stops the load with file, entry, reason. */
class PackageLoadTest {
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  @TempDir Path dir;

  private Path userPackage(Map<String, String> resources) throws IOException {
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    entries.put("package.json", NpmPackageReaderTest.PACKAGE_JSON);
    entries.putAll(resources);
    return NpmPackageReaderTest.tgz(dir.resolve("user.tgz"), entries);
  }

  private static TerminologyStore load(Path... packages) {
    return ServerFactory.loadStore(Config.defaults().withPackages(List.of(packages)));
  }

  private static String codeSystem(String url, String version, String code) {
    return "{\"resourceType\":\"CodeSystem\",\"id\":\"x\",\"url\":\"" + url + "\",\"version\":\"" + version
        + "\",\"status\":\"active\",\"content\":\"complete\",\"concept\":[{\"code\":\"" + code + "\"}]}";
  }

  private static String namingSystem(String uri, String oid) {
    return "{\"resourceType\":\"NamingSystem\",\"name\":\"X\",\"status\":\"active\",\"kind\":\"codesystem\","
        + "\"date\":\"2026-01-01\",\"uniqueId\":[{\"type\":\"uri\",\"value\":\"" + uri + "\",\"preferred\":true},"
        + "{\"type\":\"oid\",\"value\":\"" + oid + "\"}]}";
  }

  @Test
  void ourContentWinsOverAPackageForItsCanonicalsAndThePackageServesTheRest() throws IOException {
    TerminologyStore store = load(userPackage(Map.of(
        "CodeSystem-cpt.json", codeSystem(CPT, "2099", "99999"),
        "CodeSystem-x.json", codeSystem("http://example.org/cs", "1", "a"),
        "NamingSystem-x.json", namingSystem("http://example.org/cs", "1.2.3.4.5"))));
    assertThat(store.codeSystemVersions(CPT)).extracting(s -> s.release().version()).containsExactly("2026");
    assertThat(store.codeSystemVersions("urn:oid:1.2.3.4.5")).extracting(s -> s.release().url() + "|"
        + s.release().version()).containsExactly("http://example.org/cs|1");
    assertThat(store.canonicalSystem("urn:oid:1.2.3.4.5")).isEqualTo("http://example.org/cs");
  }

  @Test
  void aPackageSupplementIsNotServed() throws IOException {
    String supplement = "{\"resourceType\":\"CodeSystem\",\"id\":\"s\",\"url\":\"http://example.org/sup\","
        + "\"version\":\"1\",\"status\":\"active\",\"content\":\"supplement\",\"supplements\":\""
        + "http://example.org/cs\",\"concept\":[{\"code\":\"a\",\"display\":\"A\"}]}";
    TerminologyStore store = load(userPackage(Map.of(
        "CodeSystem-x.json", codeSystem("http://example.org/cs", "1", "a"),
        "CodeSystem-s.json", supplement)));
    assertThat(store.codeSystemVersions("http://example.org/cs")).hasSize(1);
    assertThat(store.codeSystemVersions("http://example.org/sup")).isEmpty();
    assertThat(store.fallbackCodeSystems()).extracting(c -> c.url()).contains("http://example.org/cs")
        .doesNotContain("http://example.org/sup");
  }

  @Test
  void aNamingSystemThatClaimsAnotherSystemsNameIsRefused() throws IOException {
    Path file = userPackage(Map.of(
        "CodeSystem-x.json", codeSystem("http://example.org/cs", "1", "a"),
        "NamingSystem-x.json", namingSystem("http://example.org/cs", "2.16.840.1.113883.6.90")));
    assertThatThrownBy(() -> load(file)).isInstanceOf(LoadException.class).hasMessage(file
        + ": entry package/NamingSystem-x.json: the NamingSystem of http://example.org/cs claims the name"
        + " urn:oid:2.16.840.1.113883.6.90, which already names http://hl7.org/fhir/sid/icd-10-cm");
  }

  @Test
  void aPackageFileThatIsNotThereOrNotAPackageIsRefused() throws IOException {
    Path missing = dir.resolve("missing.tgz");
    assertThatThrownBy(() -> load(missing)).isInstanceOf(LoadException.class)
        .hasMessage(missing + ": package file does not exist");
    Path text = Files.writeString(dir.resolve("text.tgz"), "hello");
    assertThatThrownBy(() -> load(text)).isInstanceOf(LoadException.class)
        .hasMessage(text + ": not a gzip-compressed tar (a FHIR NPM package .tgz): Input is not in the .gz format");
  }

  @Test
  void theOptionIsRepeatableAndAnEnvironmentVariable() {
    assertThat(Config.parse(new String[] {"--package", "a b.tgz", "--package", "c.tgz"}, Map.of()).packages())
        .containsExactly(Path.of("a b.tgz"), Path.of("c.tgz"));
    assertThat(Config.parse(new String[0], Map.of("MOLTX_PACKAGE", "a.tgz" + java.io.File.pathSeparator + "b,c.tgz"))
        .packages()).containsExactly(Path.of("a.tgz"), Path.of("b,c.tgz"));
    assertThat(Config.defaults().packages()).isEmpty();
  }

  @Test
  void aConceptMapWrittenWithOidsMapsTheCanonicalSystems() throws IOException {
    TerminologyStore store = load(userPackage(Map.of("ConceptMap-x.json", """
        {"resourceType":"ConceptMap","id":"x","url":"http://example.org/cm","status":"active","group":[{
         "source":"urn:oid:2.16.840.1.113883.6.12","target":"urn:oid:2.16.840.1.113883.6.90",
         "element":[{"code":"81455","target":[{"code":"C92.00","equivalence":"relatedto"}]}]}]}""")));
    var map = store.conceptMapVersions("http://example.org/cm").get(0);
    assertThat(map.hasSourceSystem(CPT)).isTrue();
    assertThat(map.fromSource(CPT, "81455")).extracting(e -> e.targetSystem() + "|" + e.targetCode())
        .containsExactly("http://hl7.org/fhir/sid/icd-10-cm|C92.00");
  }
}
