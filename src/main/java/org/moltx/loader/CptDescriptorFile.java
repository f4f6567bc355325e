package org.moltx.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A licensee's CPT descriptor file, as in the AMA data files: one code, a tab, its descriptor per line. Its
 * descriptors replace our paraphrased displays.
 */
final class CptDescriptorFile {
  private CptDescriptorFile() {}

  static Map<String, String> read(Path file) {
    Map<String, String> displays = new LinkedHashMap<>();
    try (BufferedReader in = TextFiles.open(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0 || tab == line.length() - 1) {
          throw new LoadException(file.toString(), lineNo, "expected a code, a tab and a descriptor");
        }
        String code = line.substring(0, tab).trim();
        if (!code.matches("[0-9A-Z]{4,5}[0-9A-Z]?")) {
          throw new LoadException(file.toString(), lineNo, "'" + code + "' is not a CPT code");
        }
        displays.put(code, line.substring(tab + 1).trim());
      }
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "cannot read: " + e.getMessage(), e);
    }
    return displays;
  }
}
