package org.moltx.loader;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.WordIndex;
import org.moltx.model.Designation;
import org.moltx.model.TextColumn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICD-10-CM releases of a content folder, compiled: {@code releases/releases.snapshot} holds each loaded
 * release's concepts (dotted code, billable flag, parent index, the offsets of its long and short title; a later
 * year's unchanged codes as references to the year before) and its search index ({@link WordIndex}) in a versioned
 * binary file with the SHA-256 of its sources ({@code releases.json} and the release files it was made from). The
 * titles lie in one texts region before the releases, each distinct title once; the server maps that region
 * ({@link FileRegion}) and reads a title from it when a request needs it ({@link TextColumn}). Start-up and reload
 * read it instead of parsing
 * the text files; a missing, stale or unreadable snapshot is logged with the reason and the files are parsed.
 * The Maven build writes the snapshot of the embedded content; {@code java -cp moltx.jar
 * org.moltx.loader.ReleaseSnapshot CONTENT_DIR [OUT]} writes one for another folder.
 */
public final class ReleaseSnapshot {
  private static final Logger log = LoggerFactory.getLogger(ReleaseSnapshot.class);
  public static final String FILE = "releases/releases.snapshot";
  /** Raise when the layout below changes: an older or newer snapshot is then ignored (and the files parsed). */
  static final int FORMAT_VERSION = 5;
  private static final byte[] MAGIC = "MOLTXREL".getBytes(StandardCharsets.US_ASCII);
  /** Where the texts region starts: after the magic, the format version, the SHA-256 and the region's length. */
  static final int TEXTS_AT = MAGIC.length + 4 + 32 + 4;
  /** The release formats a snapshot holds: the costly ones to parse. */
  static final Set<String> FORMATS = Set.of("icd10cm-order", "icd10cm-order-addenda");

  private static final int BILLABLE = 1;
  private static final int SAME_CODE_AS_BASE = 2;

  private ReleaseSnapshot() {}

  /** Writes the snapshot of {@code folder}'s ICD-10-CM releases: {@code CONTENT_DIR [OUT]}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: java -cp moltx.jar org.moltx.loader.ReleaseSnapshot CONTENT_DIR [OUT]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    Path out = args.length > 1 ? Path.of(args[1]) : folder.resolve(FILE);
    long start = System.nanoTime();
    int n = write(folder, out);
    System.out.println("release snapshot: " + n + " releases, " + Files.size(out) + " bytes: " + out + " in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    // the FHIR packages of the folder: their indexes beside the snapshot (PACKAGE.tgz.index)
    for (ReleaseSpec spec : ReleaseManifest.read(folder.resolve(ReleaseManifest.FILE)).releases()) {
      Path pkg = folder.resolve("releases").resolve(spec.file());
      if (spec.format().equals(ContentLoader.PACKAGE_FORMAT) && Files.exists(pkg)) {
        start = System.nanoTime();
        // where the server looks for it: beside the package, in the folder the snapshot is written to
        Path index = PackageSnapshot.indexOf(out.toAbsolutePath().getParent().resolve(spec.file()));
        PackageSnapshot.write(pkg, index);
        System.out.println("package index: " + Files.size(index) + " bytes: " + index + " in "
            + (System.nanoTime() - start) / 1_000_000 + " ms");
      }
    }
  }

  /** Parses the folder's snapshotted releases and writes them to {@code out}; returns how many. */
  static int write(Path folder, Path out) throws IOException {
    List<ReleaseSpec> specs = ReleaseManifest.read(folder.resolve(ReleaseManifest.FILE)).releases();
    List<CodeSystemRelease> parsed = ContentLoader.parseReleases(folder);
    Map<String, CodeSystemRelease> byKey = new HashMap<>();
    for (CodeSystemRelease r : parsed) {
      byKey.put(r.url() + "|" + r.version(), r);
    }
    // the releases first into memory: the texts they refer to are written before them
    Texts texts = new Texts();
    ByteArrayOutputStream releases = new ByteArrayOutputStream(1 << 20);
    int count = 0;
    try (DataOutputStream o = new DataOutputStream(releases)) {
      List<ReleaseSpec> snapshotted = specs.stream().filter(s -> FORMATS.contains(s.format()))
          .filter(s -> byKey.containsKey(s.system() + "|" + s.version())).toList();
      o.writeInt(snapshotted.size());
      for (ReleaseSpec spec : snapshotted) {
        CodeSystemRelease r = byKey.get(spec.system() + "|" + spec.version());
        CodeSystemRelease base = spec.base() == null ? null : byKey.get(spec.system() + "|" + spec.base());
        writeRelease(o, r, base, texts);
        // the search index of a large release too: building it at start took 0.3-0.7 s of the critical path
        boolean indexed = WordIndex.covers(r);
        o.writeBoolean(indexed);
        if (indexed) {
          r.wordIndex().write(o);
        }
        count++;
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      o.write(MAGIC);
      o.writeInt(FORMAT_VERSION);
      o.write(checksum(folder, specs));
      o.writeInt(texts.bytes.size());
      texts.bytes.writeTo(o);
      releases.writeTo(o);
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return count;
  }

  /** The texts region being written: each distinct string once ({@link TextColumn#encode}), by its offset. */
  private static final class Texts {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 23);
    final Map<String, Integer> offsets = new HashMap<>();

    int offsetOf(String value) {
      return offsets.computeIfAbsent(value, v -> {
        int at = bytes.size();
        bytes.writeBytes(TextColumn.encode(v));
        return at;
      });
    }
  }

  private static void writeRelease(DataOutputStream o, CodeSystemRelease r, CodeSystemRelease base, Texts texts)
      throws IOException {
    o.writeUTF(r.url());
    o.writeUTF(r.version());
    o.writeUTF(base == null ? "" : base.version());
    o.writeInt(r.size());
    for (int i = 0; i < r.size(); i++) {
      int flags = r.isAbstract(i) ? 0 : BILLABLE;
      int same = base == null ? -1 : base.indexOf(r.code(i));
      if (same >= 0 && !base.code(same).equals(r.code(i))) {
        same = -1;
      }
      if (same >= 0) {
        // the code's String shared with the base release; the texts are shared in the texts region anyway
        o.writeByte(flags | SAME_CODE_AS_BASE);
        o.writeInt(same);
      } else {
        o.writeByte(flags);
        o.writeUTF(r.code(i));
      }
      o.writeInt(texts.offsetOf(r.display(i)));
      o.writeInt(texts.offsetOf(shortTitle(r, i)));
      o.writeInt(r.parent(i));
    }
  }

  private static String shortTitle(CodeSystemRelease r, int i) {
    for (Designation d : r.designations(i)) {
      if (Icd10CmReleases.SHORT_TITLE.equals(d.use())) {
        return d.value();
      }
    }
    throw new IllegalStateException(r.code(i) + " in " + r + " has no short title");
  }

  /**
   * The releases of the folder's snapshot by "system|version", built with the manifest's metadata; null when the
   * snapshot is missing, stale (its sources changed), of another format version or unreadable: the reason is
   * logged and the caller parses the files.
   */
  static Map<String, CodeSystemRelease> read(Path folder, List<ReleaseSpec> specs,
      Function<ReleaseSpec, CodeSystemInfo> infos) {
    if (specs.stream().noneMatch(s -> FORMATS.contains(s.format()))) {
      return null;
    }
    Path file = folder.resolve(FILE);
    if (!Files.exists(file)) {
      log.info("no release snapshot {}: parsing the release files", FILE);
      return null;
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        log.warn("release snapshot {} is not a moltx release snapshot: parsing the release files", FILE);
        return null;
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        log.info("release snapshot {} has format version {}, this server reads {}: parsing the release files", FILE,
            version, FORMAT_VERSION);
        return null;
      }
      byte[] sum = in.readNBytes(32);
      if (!Arrays.equals(sum, checksum(folder, specs))) {
        log.info("release snapshot {} is stale (releases.json or a release file changed since it was written): "
            + "parsing the release files", FILE);
        return null;
      }
      int textLength = in.readInt();
      ByteBuffer texts = FileRegion.next(file, in, TEXTS_AT, textLength);
      Map<String, ReleaseSpec> specByKey = new HashMap<>();
      for (ReleaseSpec s : specs) {
        specByKey.put(s.system() + "|" + s.version(), s);
      }
      Map<String, CodeSystemRelease> releases = new HashMap<>();
      int count = in.readInt();
      for (int r = 0; r < count; r++) {
        String url = in.readUTF();
        String ver = in.readUTF();
        String baseVersion = in.readUTF();
        ReleaseSpec spec = specByKey.get(url + "|" + ver);
        CodeSystemRelease base = baseVersion.isEmpty() ? null : releases.get(url + "|" + baseVersion);
        if (spec == null || (!baseVersion.isEmpty() && base == null)) {
          log.warn("release snapshot {} holds {}|{}, which releases.json does not list: parsing the release files",
              FILE, url, ver);
          return null;
        }
        CodeSystemRelease release = readRelease(in, infos.apply(spec), base, texts);
        if (in.readBoolean()) {
          release.useWordIndex(WordIndex.read(in, release));
        }
        releases.put(url + "|" + ver, release);
      }
      return releases;
    } catch (IOException | RuntimeException e) {
      log.warn("release snapshot {} is unreadable ({}): parsing the release files", FILE, e.toString());
      return null;
    }
  }

  private static CodeSystemRelease readRelease(DataInputStream in, CodeSystemInfo info, CodeSystemRelease base,
      ByteBuffer texts) throws IOException {
    int n = in.readInt();
    String[] codes = new String[n];
    int[] parents = new int[n];
    int[] flags = new int[n];
    int[] displays = new int[n];
    int[] shortTitles = new int[n];
    for (int i = 0; i < n; i++) {
      flags[i] = in.readUnsignedByte();
      codes[i] = (flags[i] & SAME_CODE_AS_BASE) != 0 ? base.code(in.readInt()) : in.readUTF();
      displays[i] = textOffset(in, texts);
      shortTitles[i] = textOffset(in, texts);
      parents[i] = in.readInt();
    }
    CodeSystemRelease.Builder b = CodeSystemRelease.builder()
        .texts(TextColumn.packed(texts, displays), "en", Icd10CmReleases.SHORT_TITLE,
            TextColumn.packed(texts, shortTitles));
    for (int i = 0; i < n; i++) {
      boolean billable = (flags[i] & BILLABLE) != 0;
      b.add(codes[i], null, null, parents[i] < 0 ? null : codes[parents[i]], !billable, false, null,
          billable ? Icd10CmReleases.IS_BILLABLE : Icd10CmReleases.IS_HEADER);
    }
    return b.build(info, List.of(Icd10CmReleases.BILLABLE));
  }

  /** A title's offset in the texts region: one outside it is refused here, not when a request reads the title. */
  private static int textOffset(DataInputStream in, ByteBuffer texts) throws IOException {
    int offset = in.readInt();
    if (offset < 0 || offset >= texts.capacity()) {
      throw new IOException("a title offset " + offset + " outside the texts region of " + texts.capacity() + " bytes");
    }
    return offset;
  }

  /** SHA-256 of releases.json and of each snapshotted release file (name and bytes), in manifest order. */
  static byte[] checksum(Path folder, List<ReleaseSpec> specs) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(folder.resolve(ReleaseManifest.FILE)));
      for (ReleaseSpec s : specs) {
        if (FORMATS.contains(s.format())) {
          Path f = folder.resolve("releases").resolve(s.file());
          sha.update((s.file() + "\n").getBytes(StandardCharsets.UTF_8));
          if (Files.exists(f)) {
            sha.update(Files.readAllBytes(f));
          }
        }
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
