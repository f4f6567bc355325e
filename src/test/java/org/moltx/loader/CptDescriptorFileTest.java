package org.moltx.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A licensee's CPT descriptor file, on cpt-descriptors-mini.txt. */
class CptDescriptorFileTest {
  @TempDir Path dir;

  @Test
  void everyLineGivesACodeAndItsDescriptor() {
    Map<String, String> displays = CptDescriptorFile.read(Fixtures.stripped("cpt-descriptors-mini.txt", dir));

    assertThat(displays).containsExactly(
        Map.entry("81455", "TEST DESCRIPTOR 81455: licensed long descriptor"),
        Map.entry("81311", "TEST DESCRIPTOR 81311: licensed long descriptor"));
  }

  @Test
  void aLineWithoutATabFailsNamingTheLine() {
    Path file = Fixtures.stripped("cpt-descriptors-mini.txt", dir);
    Fixtures.changeLine(file, 2, l -> l.replace('\t', ' '));

    assertThatThrownBy(() -> CptDescriptorFile.read(file))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining(file + ":2")
        .hasMessageContaining("a tab");
  }

  @Test
  void aLineWhoseCodeIsNoCptCodeFailsNamingTheLine() {
    Path file = Fixtures.stripped("cpt-descriptors-mini.txt", dir);
    Fixtures.changeLine(file, 1, l -> "81-455" + l.substring(5));

    assertThatThrownBy(() -> CptDescriptorFile.read(file))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(1))
        .hasMessageContaining(file + ":1")
        .hasMessageContaining("'81-455' is not a CPT code");
  }
}
