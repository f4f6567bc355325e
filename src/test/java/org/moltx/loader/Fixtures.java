package org.moltx.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.moltx.model.CodeSystemInfo;

/**
 * The commented fixtures of {@code src/test/resources/fixtures}. Their '#' lines explain the test data; the real
 * formats have no comments, so a test loads a stripped copy written to its temporary folder.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Writes the fixture without its comment lines to {@code dir/name} and returns that path. */
  public static Path stripped(String name, Path dir) {
    return write(dir.resolve(name), lines(name).stream().filter(l -> !l.startsWith("#")).toList());
  }

  /** Rewrites line {@code lineNo} (1-based) of a file in place; returns the file. */
  public static Path changeLine(Path file, int lineNo, UnaryOperator<String> change) {
    List<String> lines = new ArrayList<>(read(file));
    lines.set(lineNo - 1, change.apply(lines.get(lineNo - 1)));
    return write(file, lines);
  }

  /** Replaces text in a file in place, failing when the text is not there (so a test cannot silently test nothing). */
  public static Path replace(Path file, String text, String replacement) {
    String content = String.join("\n", read(file));
    if (!content.contains(text)) {
      throw new IllegalArgumentException(file + " does not contain '" + text + "'");
    }
    return write(file, List.of(content.replace(text, replacement)));
  }

  /** The 1-based number of the first line of a file that starts with {@code prefix}. */
  public static int lineStartingWith(Path file, String prefix) {
    List<String> lines = read(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(file + " has no line starting with '" + prefix + "'");
  }

  public static CodeSystemInfo info(String url, String version) {
    return new CodeSystemInfo("test-" + version, url, version, "Test", "Test", "active", "complete", "test", null, null,
        true, "is-a", "en", null, null);
  }

  private static List<String> lines(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
