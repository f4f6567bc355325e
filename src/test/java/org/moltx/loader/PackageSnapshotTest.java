package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package's compiled index gives back what reading the package gives; a stale or broken one is not used. */
class PackageSnapshotTest {
  private static final Path THO = Path.of("terminology/releases/hl7.terminology.r4-7.0.1.tgz");
  @TempDir Path dir;

  @Test
  void theIndexOfHl7TerminologyHoldsWhatReadingThePackageGives() throws IOException {
    Path pkg = Files.copy(THO, dir.resolve(THO.getFileName()));
    PackageSnapshot.write(pkg, PackageSnapshot.indexOf(pkg));
    FhirPackage read = NpmPackageReader.readPackageFile(pkg);
    FhirPackage indexed = PackageSnapshot.read(pkg);
    assertThat(indexed).isNotNull();
    assertThat(indexed.id()).isEqualTo(read.id());
    assertThat(indexed.file()).isEqualTo(read.file());
    assertThat(indexed.namingSystems()).isEqualTo(read.namingSystems());
    assertThat(flat(indexed.resources())).isEqualTo(flat(read.resources()));
    assertThat(NpmPackageReader.read(pkg).resources()).hasSize(read.resources().size());
  }

  @Test
  void anIndexOfAnotherPackageOrOfAnotherFormatIsNotUsed() throws IOException {
    Path pkg = NpmPackageReaderTest.tgz(dir.resolve("example.tgz"), Map.of("package.json",
        NpmPackageReaderTest.PACKAGE_JSON, "CodeSystem-a.json",
        "{\"resourceType\":\"CodeSystem\",\"id\":\"a\",\"url\":\"http://example.org/a\",\"content\":\"complete\"}"));
    Path index = PackageSnapshot.indexOf(pkg);
    PackageSnapshot.write(pkg, index);
    assertThat(PackageSnapshot.read(pkg).resources()).extracting(PackageResource::url)
        .containsExactly("http://example.org/a");
    // the package changes after its index was written: the index is stale
    NpmPackageReaderTest.tgz(pkg, Map.of("package.json", NpmPackageReaderTest.PACKAGE_JSON, "CodeSystem-b.json",
        "{\"resourceType\":\"CodeSystem\",\"id\":\"b\",\"url\":\"http://example.org/b\",\"content\":\"complete\"}"));
    assertThat(PackageSnapshot.read(pkg)).isNull();
    assertThat(NpmPackageReader.read(pkg).resources()).extracting(PackageResource::url)
        .containsExactly("http://example.org/b");
    Files.writeString(index, "not an index");
    assertThat(PackageSnapshot.read(pkg)).isNull();
    Files.write(index, new byte[] {'M', 'O', 'L', 'T', 'X', 'P', 'K', 'G', 0, 0, 0, 1});
    assertThat(PackageSnapshot.read(pkg)).isNull(); // truncated: unreadable
  }

  /** The resources as comparable values (a record's byte[] compares by identity). */
  private static List<List<Object>> flat(List<PackageResource> resources) {
    return resources.stream().map(r -> List.<Object>of(r.type(), String.valueOf(r.id()), r.url(),
        String.valueOf(r.version()), String.valueOf(r.content()), r.source(), List.of(r.json().length,
        new String(r.json(), java.nio.charset.StandardCharsets.UTF_8).hashCode()))).toList();
  }
}
