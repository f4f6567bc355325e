package org.moltx.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Part of a compiled content file that the server reads only in part and on demand (a package index's deflated JSON,
 * a release snapshot's texts): mapped read-only from a file, so its pages are read, and count in the server's RSS,
 * only once a request touches them; read into memory from inside the jar (content served from the jar's own copy),
 * where no file can be mapped.
 */
final class FileRegion {
  private FileRegion() {}

  /**
   * The next {@code length} bytes of {@code in}, a stream over {@code file} standing at {@code offset}: mapped, and
   * skipped in the stream; read from the stream where the file cannot be mapped (inside the jar), so that they are
   * read once.
   */
  static ByteBuffer next(Path file, InputStream in, long offset, int length) throws IOException {
    if (file.getFileSystem() != FileSystems.getDefault()) {
      return ByteBuffer.wrap(in.readNBytes(length)).asReadOnlyBuffer();
    }
    ByteBuffer region = map(file, offset, length);
    in.skipNBytes(length);
    return region;
  }

  private static ByteBuffer map(Path file, long offset, long length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
    }
  }

  /** The whole file: mapped, or read from inside the jar. */
  static ByteBuffer map(Path file) throws IOException {
    if (file.getFileSystem() != FileSystems.getDefault()) {
      return ByteBuffer.wrap(Files.readAllBytes(file)).asReadOnlyBuffer();
    }
    return map(file, 0, Files.size(file));
  }
}
