package org.moltx.app;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** Finds the terminology folder: the one configured, else the default content embedded in the jar. */
final class ContentFolder {
  private ContentFolder() {}

  static Path resolve(Config config) {
    if (config.contentDir() != null) {
      return config.contentDir();
    }
    URL url = ContentFolder.class.getResource("/terminology/releases/releases.json");
    if (url == null) {
      throw new IllegalStateException("the embedded terminology content is missing from the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // opened by an earlier server in this JVM
        }
      }
      return Path.of(uri).getParent().getParent();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open the embedded terminology content: " + e.getMessage(), e);
    }
  }
}
