package org.moltx.loader;

import com.google.common.io.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FHIR NPM package's index, compiled: {@code PACKAGE.tgz.index} beside the package holds what
 * {@link NpmPackageReader} takes from it (each terminology resource's type, id, url, version and deflated JSON; the
 * code-system NamingSystems) with the size and CRC-32C of the package it was made from (a check that the index
 * belongs to the package beside it, not a defence against tampering: whoever can change the package can change its
 * index; CRC-32C costs a few ms where SHA-256 cost 50-60). Reading it costs a checksum of the
 * package and a read of the index instead of decompressing the package and parsing every entry (HL7 Terminology:
 * 40 MB of JSON, about 0.6 s of CPU at every start). A missing, stale or unreadable index is logged with the reason
 * and the package is read. The Maven build writes the indexes of the embedded content's packages with its release
 * snapshot ({@link ReleaseSnapshot}).
 */
public final class PackageSnapshot {
  private static final Logger log = LoggerFactory.getLogger(PackageSnapshot.class);
  static final String SUFFIX = ".index";
  /** Raise when the layout below changes: an older or newer index is then ignored (and the package read). */
  static final int FORMAT_VERSION = 2;
  private static final byte[] MAGIC = "MOLTXPKG".getBytes(StandardCharsets.US_ASCII);

  private PackageSnapshot() {}

  /** The index file of a package file. */
  static Path indexOf(Path packageFile) {
    return packageFile.resolveSibling(packageFile.getFileName() + SUFFIX);
  }

  /** Writes {@code index} for the package {@code packageFile} as read by {@link NpmPackageReader}. */
  static void write(Path packageFile, Path index) throws IOException {
    FhirPackage p = NpmPackageReader.readPackageFile(packageFile);
    Files.createDirectories(index.toAbsolutePath().getParent());
    Path tmp = index.resolveSibling(index.getFileName() + ".tmp");
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      o.write(MAGIC);
      o.writeInt(FORMAT_VERSION);
      o.writeLong(fingerprint(packageFile));
      o.writeUTF(p.name());
      o.writeUTF(p.version());
      o.writeInt(p.resources().size());
      for (PackageResource r : p.resources()) {
        o.writeUTF(r.type());
        writeNullable(o, r.id());
        o.writeUTF(r.url());
        writeNullable(o, r.version());
        writeNullable(o, r.content());
        o.writeUTF(r.source());
        ByteBuffer deflated = r.deflated().duplicate();
        o.writeInt(deflated.remaining());
        while (deflated.hasRemaining()) {
          o.write(deflated.get());
        }
      }
      o.writeInt(p.namingSystems().size());
      for (PackageNamingSystem ns : p.namingSystems()) {
        o.writeUTF(ns.canonical());
        o.writeInt(ns.aliases().size());
        for (String alias : ns.aliases()) {
          o.writeUTF(alias);
        }
        o.writeUTF(ns.source());
      }
    }
    Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The package as its index holds it; null when it has none (a user's --package: read from the file) or the index is
   * not current (the reason is logged).
   */
  static FhirPackage read(Path packageFile) {
    Path index = indexOf(packageFile);
    if (!Files.exists(index)) {
      return null;
    }
    // the entries' fields are read with a stream, and only the deflated JSON is taken from the mapping: read through
    // the mapping, every page of it (the fields lie between the JSON of the entries) stayed in the server's RSS
    try (CountingInputStream counted = new CountingInputStream(
            new BufferedInputStream(Files.newInputStream(index), 1 << 16));
        DataInputStream in = new DataInputStream(counted)) {
      if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.readInt() != FORMAT_VERSION) {
        log.info("package index {} is of another format: reading the package", index.getFileName());
        return null;
      }
      if (in.readLong() != fingerprint(packageFile)) {
        log.info("package index {} is stale (the package changed since it was written): reading the package",
            index.getFileName());
        return null;
      }
      ByteBuffer mapped = FileRegion.map(index);
      String name = in.readUTF();
      String version = in.readUTF();
      int count = in.readInt();
      List<PackageResource> resources = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String type = in.readUTF();
        String id = readNullable(in);
        String url = in.readUTF();
        String ver = readNullable(in);
        String content = readNullable(in);
        String source = in.readUTF();
        int length = in.readInt();
        ByteBuffer deflated = mapped.slice((int) counted.getCount(), length);
        in.skipNBytes(length);
        resources.add(new PackageResource(type, id, url, ver, content, source, deflated));
      }
      count = in.readInt();
      List<PackageNamingSystem> namingSystems = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String canonical = in.readUTF();
        List<String> aliases = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
          aliases.add(in.readUTF());
        }
        namingSystems.add(new PackageNamingSystem(canonical, List.copyOf(aliases), in.readUTF()));
      }
      return new FhirPackage(name, version, packageFile.toString(), List.copyOf(resources),
          List.copyOf(namingSystems));
    } catch (IOException | RuntimeException e) {
      log.warn("package index {} is unreadable ({}): reading the package", index.getFileName(), e.toString());
      return null;
    }
  }

  private static void writeNullable(DataOutputStream o, String s) throws IOException {
    o.writeBoolean(s != null);
    if (s != null) {
      o.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** The package's size (high 32 bits) and CRC-32C (low 32 bits). */
  private static long fingerprint(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        crc.update(buf, 0, n);
        size += n;
      }
    }
    return size << 32 | crc.getValue();
  }
}
