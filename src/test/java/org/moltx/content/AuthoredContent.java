package org.moltx.content;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.moltx.loader.ContentLoader;
import org.moltx.loader.LoadedContent;

/** The default content folder, loaded once per test JVM: its authored files and the official releases. */
final class AuthoredContent {
  static final Path FOLDER = Path.of("terminology");
  static final FhirContext FHIR = FhirContext.forR4Cached();

  private static AuthoredContent instance;

  final Map<String, String> json = new LinkedHashMap<>();
  final Map<String, Resource> resources = new LinkedHashMap<>();
  final LoadedContent loaded;
  final ReferenceCodes reference;

  private AuthoredContent() {
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(f);
        json.put(f.getFileName().toString(), text);
        resources.put(f.getFileName().toString(), (Resource) FHIR.newJsonParser().parseResource(text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loaded = new ContentLoader(FHIR).load(FOLDER);
    reference = new ReferenceCodes(loaded);
  }

  static synchronized AuthoredContent get() {
    if (instance == null) {
      instance = new AuthoredContent();
    }
    return instance;
  }

  /** Every code named anywhere in the authored files. */
  List<CodeUse> codeUses() {
    return resources.entrySet().stream().flatMap(e -> CodeUses.in(e.getKey(), e.getValue()).stream()).toList();
  }

  <T extends Resource> T resource(String file, Class<T> type) {
    Resource r = resources.get(file);
    if (r == null) {
      throw new AssertionError("no authored file " + file);
    }
    return type.cast(r);
  }
}
