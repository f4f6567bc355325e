package org.moltx.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short tag that changes when the served content or the server build changes: a hash of the content files' names,
 * sizes and modification times and of the jar's. Cheap (no file is read), stable across restarts and across
 * replicas of one image, so ETags stay valid behind a load balancer.
 */
final class ContentFingerprint {
  private ContentFingerprint() {}

  /** The folder's tag with the user's packages (--package) in it too: another package is other content. */
  static String of(Path folder, List<Path> packages) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        sha.update((folder.relativize(f) + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      for (Path p : packages) {
        if (Files.isRegularFile(p)) {
          sha.update((p.toAbsolutePath() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis() + "\n")
              .getBytes(StandardCharsets.UTF_8));
        }
      }
      sha.update(build().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server build: the jar's (or classes folder's) location, size and time. */
  private static String build() {
    try {
      Path code = Path.of(ContentFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code + "|" + Files.size(code) + "|" + Files.getLastModifiedTime(code).toMillis();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
