package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.TextColumn;
import org.moltx.model.WordIndex;

class ReleaseSnapshotTest {
  @TempDir Path folder;
  private List<ReleaseSpec> specs;

  @BeforeEach
  void copyTheReleases() throws IOException {
    Path releases = Files.createDirectories(folder.resolve("releases"));
    try (Stream<Path> files = Files.list(Path.of("terminology", "releases"))) {
      for (Path f : files.toList()) {
        Files.copy(f, releases.resolve(f.getFileName()));
      }
    }
    specs = ReleaseManifest.read(folder.resolve(ReleaseManifest.FILE)).releases();
  }

  @Test
  void theSnapshotHoldsTheSameIcd10CmReleasesAsTheFiles() throws IOException {
    assertThat(ReleaseSnapshot.write(folder, folder.resolve(ReleaseSnapshot.FILE))).isEqualTo(2);
    Map<String, CodeSystemRelease> snapshot = read();
    assertThat(snapshot).containsOnlyKeys(Icd10CmReleases.SYSTEM + "|2026", Icd10CmReleases.SYSTEM + "|2027");
    for (CodeSystemRelease parsed : ContentLoader.parseReleases(folder)) {
      CodeSystemRelease read = snapshot.get(parsed.url() + "|" + parsed.version());
      if (read == null) {
        continue; // NUCC and place of service are parsed: cheap
      }
      assertThat(read.info()).isEqualTo(parsed.info());
      assertThat(read.properties()).isEqualTo(parsed.properties());
      assertThat(read.size()).isEqualTo(parsed.size());
      for (int i = 0; i < parsed.size(); i++) {
        assertThat(read.code(i)).isEqualTo(parsed.code(i));
        assertThat(read.display(i)).as(parsed.code(i)).isEqualTo(parsed.display(i));
        assertThat(read.parent(i)).as(parsed.code(i)).isEqualTo(parsed.parent(i));
        assertThat(read.isAbstract(i)).as(parsed.code(i)).isEqualTo(parsed.isAbstract(i));
        assertThat(read.designations(i)).as(parsed.code(i)).isEqualTo(parsed.designations(i));
        assertThat(read.conceptProperties(i)).as(parsed.code(i)).isEqualTo(parsed.conceptProperties(i));
      }
      // the search index comes from the snapshot and answers as the one built from the parsed release
      WordIndex stored = read.wordIndex();
      WordIndex built = parsed.wordIndex();
      for (int i = 0; i < parsed.size(); i++) {
        assertThat(stored.firstWord(i)).as(parsed.code(i)).isEqualTo(built.firstWord(i));
        assertThat(stored.wordCount(i)).as(parsed.code(i)).isEqualTo(built.wordCount(i));
        assertThat(stored.displayLength(i)).as(parsed.code(i)).isEqualTo(parsed.display(i).length());
      }
      for (String prefix : List.of("acu", "leukemia", "diab", "fract", "neoplasm", "x", "zzz")) {
        assertThat(stored.withWordPrefix(prefix)).as(prefix).isEqualTo(built.withWordPrefix(prefix));
        assertThat(stored.withWord(prefix)).as(prefix).isEqualTo(built.withWord(prefix));
      }
      for (String prefix : List.of("E11", "C92.0", "S23.420", "Z", "Q99")) {
        assertThat(stored.withCodePrefix(prefix)).as(prefix).isEqualTo(built.withCodePrefix(prefix));
      }
    }
    // a later year's unchanged codes share the year before's strings, as when parsed
    CodeSystemRelease fy2026 = snapshot.get(Icd10CmReleases.SYSTEM + "|2026");
    CodeSystemRelease fy2027 = snapshot.get(Icd10CmReleases.SYSTEM + "|2027");
    assertThat(fy2027.code(fy2027.indexOf("C92.01"))).isSameAs(fy2026.code(fy2026.indexOf("C92.01")));
    // each distinct title is stored once: the 2027 texts add only what changed
    long titles = ContentLoader.parseReleases(folder).stream().filter(r -> r.url().equals(Icd10CmReleases.SYSTEM))
        .flatMap(r -> java.util.stream.IntStream.range(0, r.size())
            .mapToObj(c -> List.of(r.display(c), r.designations(c)[0].value())))
        .flatMap(List::stream).distinct().mapToLong(t -> TextColumn.encode(t).length).sum();
    try (var in = new java.io.DataInputStream(Files.newInputStream(folder.resolve(ReleaseSnapshot.FILE)))) {
      in.skipNBytes(ReleaseSnapshot.TEXTS_AT - 4);
      assertThat((long) in.readInt()).isEqualTo(titles);
    }
  }

  @Test
  void aStaleSnapshotIsIgnored() throws IOException {
    ReleaseSnapshot.write(folder, folder.resolve(ReleaseSnapshot.FILE));
    Files.writeString(folder.resolve("releases/icd10cm-order-addenda-FY2027.txt"), "\n", StandardOpenOption.APPEND);
    assertThat(read()).isNull();
  }

  @Test
  void aMissingOrForeignSnapshotIsIgnored() throws IOException {
    assertThat(read()).isNull();
    Path file = folder.resolve(ReleaseSnapshot.FILE);
    ReleaseSnapshot.write(folder, file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[11] = (byte) (ReleaseSnapshot.FORMAT_VERSION + 1); // the format version after the 8-byte magic
    Files.write(file, bytes);
    assertThat(read()).isNull();
    Files.write(file, Arrays.copyOf(bytes, 100));
    assertThat(read()).isNull();
  }

  @Test
  void aTitleOffsetOutsideTheTextsRegionIsRefusedAtLoad() throws IOException {
    Path file = folder.resolve(ReleaseSnapshot.FILE);
    ReleaseSnapshot.write(folder, file);
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    // the first release's first concept: after the texts, the release count, url, version, base version and size,
    // its flags and its own code, its display's offset
    int at = ReleaseSnapshot.TEXTS_AT + bytes.getInt(ReleaseSnapshot.TEXTS_AT - 4) + 4;
    for (int field = 0; field < 3; field++) {
      at += 2 + bytes.getShort(at);
    }
    at += 4;
    assertThat(bytes.get(at) & 2).as("the first concept's own code, not its base's").isZero();
    at += 1;
    at += 2 + bytes.getShort(at);
    assertThat(bytes.getInt(at)).isBetween(0, bytes.getInt(ReleaseSnapshot.TEXTS_AT - 4) - 1);
    bytes.putInt(at, Integer.MAX_VALUE);
    Files.write(file, bytes.array());
    assertThat(read()).isNull();
  }

  @Test
  void theLoaderUsesTheSnapshotAndFallsBackToTheFiles() throws IOException {
    ReleaseSnapshot.write(folder, folder.resolve(ReleaseSnapshot.FILE));
    LoadedContent fromSnapshot = new ContentLoader(ContentLoaderTest.FHIR).load(folder);
    Files.delete(folder.resolve(ReleaseSnapshot.FILE));
    LoadedContent parsed = new ContentLoader(ContentLoaderTest.FHIR).load(folder);
    assertThat(fromSnapshot.releases()).hasSameSizeAs(parsed.releases());
    for (int r = 0; r < parsed.releases().size(); r++) {
      assertThat(fromSnapshot.releases().get(r).toString()).isEqualTo(parsed.releases().get(r).toString());
    }
  }

  private Map<String, CodeSystemRelease> read() {
    return ReleaseSnapshot.read(folder, specs, spec -> ContentLoader.info(spec));
  }
}
