package org.moltx.loader;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moltx.model.CodeSystemInfo;

/**
 * A bounded fuzz test of each release-file loader: the mini fixtures, mutated at random (lines dropped, duplicated,
 * swapped, truncated, random bytes and characters put in, separators changed, binary garbage, empty files), must
 * load or fail with a LoadException that names the file, never with another exception. Each loader gets about two
 * seconds; the seed is printed on failure ({@code -Dmoltx.fuzz.seed=N} replays it).
 */
class LoaderFuzzTest {
  private static final long BUDGET_NANOS = 2_000_000_000L;
  private static final int MAX_RUNS = 3000;
  private static final long SEED = Long.getLong("moltx.fuzz.seed", System.nanoTime());

  @TempDir Path dir;

  interface Loader {
    void load(Path file) throws Exception;
  }

  private static CodeSystemInfo info(String url) {
    return Fixtures.info(url, "fuzz");
  }

  @Test
  void icd10cmOrderFile() throws Exception {
    fuzz("icd10cm-order-mini.txt", "order.txt",
        f -> Icd10CmReleases.build(Icd10CmOrderFile.read(f), info(Icd10CmReleases.SYSTEM)));
  }

  @Test
  void icd10cmOrderFileGzipped() throws Exception {
    fuzz("icd10cm-order-mini.txt", "order.txt.gz",
        f -> Icd10CmReleases.build(Icd10CmOrderFile.read(f), info(Icd10CmReleases.SYSTEM)));
  }

  @Test
  void icd10cmAddenda() throws Exception {
    List<Icd10CmEntry> base = Icd10CmOrderFile.read(Fixtures.stripped("icd10cm-order-mini.txt", dir));
    fuzz("icd10cm-order-addenda-mini.txt", "addenda.txt",
        f -> Icd10CmReleases.build(Icd10CmAddenda.read(f).applyTo(base, "2027"), info(Icd10CmReleases.SYSTEM)));
  }

  @Test
  void nuccCsv() throws Exception {
    fuzz("nucc-taxonomy-mini.csv", "nucc.csv", f -> CsvReleases.nucc(f, info("http://nucc.org/provider-taxonomy")));
  }

  @Test
  void placeOfServiceCsv() throws Exception {
    fuzz("cms-place-of-service-mini.csv", "pos.csv", f -> CsvReleases.placeOfService(f, info("http://pos")));
  }

  @Test
  void cptDescriptors() throws Exception {
    fuzz("cpt-descriptors-mini.txt", "cpt.txt", CptDescriptorFile::read);
  }

  @Test
  void releaseManifest() throws Exception {
    Path real = Path.of("terminology/releases/releases.json");
    fuzz(Files.readAllLines(real, StandardCharsets.UTF_8), "releases.json", ReleaseManifest::read);
  }

  private void fuzz(String fixture, String name, Loader loader) throws Exception {
    Path clean = Fixtures.stripped(fixture, dir.resolve("clean-" + name.replace('.', '-')));
    fuzz(Files.readAllLines(clean, StandardCharsets.UTF_8), name, loader);
  }

  private void fuzz(List<String> lines, String name, Loader loader) throws Exception {
    Random random = new Random(SEED ^ name.hashCode());
    Path file = dir.resolve(name);
    long end = System.nanoTime() + BUDGET_NANOS;
    int runs = 0;
    while (System.nanoTime() < end && runs < MAX_RUNS) {
      runs++;
      byte[] input = mutate(lines, random);
      Files.write(file, name.endsWith(".gz") && random.nextInt(8) != 0 ? gzip(input) : input);
      try {
        loader.load(file);
      } catch (LoadException expected) {
        if (expected.getMessage() == null || !expected.getMessage().contains(name)) {
          fail("seed " + SEED + ", run " + runs + ": LoadException without the file name: " + expected.getMessage());
        }
      } catch (Throwable other) {
        Path kept = Files.write(Files.createTempFile("moltx-fuzz-", "-" + name), input);
        throw new AssertionError("seed " + SEED + ", run " + runs + ": " + name + " failed with "
            + other + " instead of a LoadException; input kept in " + kept, other);
      }
    }
  }

  private static byte[] gzip(byte[] input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(input);
    }
    byte[] bytes = out.toByteArray();
    return bytes;
  }

  /** One to four random mutations of the lines, or now and then pure garbage. */
  static byte[] mutate(List<String> original, Random r) {
    if (r.nextInt(40) == 0) {
      byte[] garbage = new byte[r.nextInt(2000)];
      r.nextBytes(garbage);
      return garbage;
    }
    if (r.nextInt(60) == 0) {
      return new byte[0];
    }
    List<String> lines = new ArrayList<>(original);
    int mutations = 1 + r.nextInt(4);
    for (int m = 0; m < mutations && !lines.isEmpty(); m++) {
      int i = r.nextInt(lines.size());
      String line = lines.get(i);
      switch (r.nextInt(11)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, line);
        case 2 -> {
          int j = r.nextInt(lines.size());
          lines.set(i, lines.get(j));
          lines.set(j, line);
        }
        case 3 -> lines.set(i, line.substring(0, line.isEmpty() ? 0 : r.nextInt(line.length())));
        case 4 -> lines.set(i, insert(line, randomText(r, 1 + r.nextInt(20)), r));
        case 5 -> lines.set(i, replaceChar(line, r));
        case 6 -> lines.set(i, line.replace('\t', ' ').replace(',', ';'));
        case 7 -> lines.set(i, line + line);
        case 8 -> lines.add(i, randomText(r, r.nextInt(300)));
        case 9 -> lines.set(i, line.replaceAll("[0-9]", String.valueOf((char) ('0' + r.nextInt(10)))));
        default -> lines.set(i, line.replace("\"", ""));
      }
    }
    String joined = String.join(r.nextInt(10) == 0 ? "\r\n" : "\n", lines);
    byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(10) == 0 && bytes.length > 0) {
      bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
    }
    return bytes;
  }

  private static String insert(String line, String text, Random r) {
    int at = line.isEmpty() ? 0 : r.nextInt(line.length());
    return line.substring(0, at) + text + line.substring(at);
  }

  private static String replaceChar(String line, Random r) {
    if (line.isEmpty()) {
      return line;
    }
    int at = r.nextInt(line.length());
    char[] chars = line.toCharArray();
    String specials = "\t,\"\\ \u0000\u00e9\uffff{}[]:|";
    chars[at] = specials.charAt(r.nextInt(specials.length()));
    return new String(chars);
  }

  private static String randomText(Random r, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = r.nextInt(10);
      b.append(kind < 6 ? (char) (32 + r.nextInt(95)) : kind < 8 ? "\t,\"".charAt(r.nextInt(3))
          : (char) r.nextInt(0x3000));
    }
    return b.toString();
  }
}
