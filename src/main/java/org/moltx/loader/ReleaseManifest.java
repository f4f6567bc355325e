package org.moltx.loader;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The release manifest, {@code releases/releases.json} in a content folder. */
record ReleaseManifest(List<ReleaseSpec> releases) {
  static final String FILE = "releases/releases.json";

  static ReleaseManifest read(Path file) {
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      ReleaseManifest m = mapper.readValue(file.toUri().toURL(), ReleaseManifest.class);
      if (m.releases() == null) {
        throw new LoadException(file.toString(), 0, "no 'releases' array");
      }
      return m;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new LoadException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          e.getOriginalMessage());
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
