package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FHIR NPM package holds every authored resource of terminology/, indexed, with a valid package.json. */
class NpmPackageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void thePackageIndexesEveryAuthoredResource() throws Exception {
    Path tgz = NpmPackage.build(Path.of("terminology"), dir.resolve("moltx-terminology-0.1.0.tgz"), "0.1.0");
    check(tgz, "0.1.0");
  }

  @Test
  void theBuildsPackageIsCurrentWhenItExists() throws Exception {
    try (Stream<Path> built = Files.list(Path.of("target"))) {
      for (Path tgz : built.filter(p -> p.getFileName().toString().matches("moltx-terminology-.*\\.tgz")).toList()) {
        String version = tgz.getFileName().toString().replaceAll("moltx-terminology-(.*)\\.tgz", "$1");
        check(tgz, version);
      }
    }
  }

  private static void check(Path tgz, String version) throws Exception {
    Map<String, byte[]> entries = NpmPackage.read(tgz);
    JsonNode pkg = JSON.readTree(entries.get("package/package.json"));
    assertThat(pkg.path("name").asText()).isEqualTo("org.moltx.terminology");
    assertThat(pkg.path("version").asText()).isEqualTo(version);
    assertThat(pkg.path("fhirVersions").toString()).isEqualTo("[\"4.0.1\"]");
    assertThat(pkg.at("/dependencies/hl7.fhir.r4.core").asText()).isEqualTo("4.0.1");

    JsonNode index = JSON.readTree(entries.get("package/.index.json"));
    assertThat(index.path("index-version").asInt()).isEqualTo(1);
    List<Path> authored;
    try (Stream<Path> list = Files.list(Path.of("terminology"))) {
      authored = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(index.path("files")).hasSize(authored.size());
    List<String> indexed = new ArrayList<>();
    for (JsonNode f : index.path("files")) {
      String filename = f.path("filename").asText();
      indexed.add(filename);
      byte[] packaged = entries.get("package/" + filename);
      assertThat(packaged).as(filename).isNotNull();
      JsonNode resource = JSON.readTree(Files.readAllBytes(Path.of("terminology", filename)));
      assertThat(JSON.readTree(packaged)).as(filename).isEqualTo(resource);
      assertThat(f.path("resourceType").asText()).isEqualTo(resource.path("resourceType").asText());
      assertThat(f.path("id").asText()).isEqualTo(resource.path("id").asText());
      assertThat(f.path("url").asText()).isEqualTo(resource.path("url").asText());
      assertThat(f.path("version").asText()).isEqualTo(resource.path("version").asText());
      assertThat(f.path("url").asText()).startsWith("http");
    }
    assertThat(indexed).containsExactlyElementsOf(authored.stream().map(p -> p.getFileName().toString()).toList());
    assertThat(entries.keySet()).allSatisfy(name -> assertThat(name).startsWith("package/"))
        .hasSize(authored.size() + 2);
  }
}
