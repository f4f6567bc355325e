package org.moltx.loader;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.moltx.model.CodeSystemInfo;
import org.moltx.model.CodeSystemRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a content folder: every top-level {@code *.json} is one FHIR R4 resource (CodeSystem, ValueSet or
 * ConceptMap); {@code releases/releases.json} lists the official release files. Anything that does not parse
 * stops the load with the file, the line where known, and the reason.
 */
public final class ContentLoader {
  private static final Logger log = LoggerFactory.getLogger(ContentLoader.class);
  /** The release format of a FHIR NPM package: its resources are served beside the releases, not as one. */
  static final String PACKAGE_FORMAT = "fhir-npm-package";

  private final FhirContext fhir;

  public ContentLoader(FhirContext fhir) {
    this.fhir = fhir;
  }

  public LoadedContent load(Path folder) {
    return load(folder, List.of());
  }

  /** The folder's content and, after the folder's own, the user's FHIR NPM packages ({@code --package}). */
  public LoadedContent load(Path folder, List<Path> userPackages) {
    if (!Files.isDirectory(folder)) {
      throw new LoadException(folder.toString(), 0, "not a folder");
    }
    List<ReleaseSpec> specs = specs(folder);
    // the official releases load on a second thread while HAPI parses the authored resources: start-up time
    CompletableFuture<Releases> releases = CompletableFuture.supplyAsync(() -> loadReleases(folder, specs, true));
    List<CompletableFuture<FhirPackage>> packages = new ArrayList<>();
    for (Path file : packageFiles(folder, specs, userPackages)) {
      packages.add(CompletableFuture.supplyAsync(() -> readPackage(file)));
    }
    List<CodeSystem> codeSystems = new ArrayList<>();
    List<ValueSet> valueSets = new ArrayList<>();
    List<ConceptMap> conceptMaps = new ArrayList<>();
    for (Path file : jsonFiles(folder)) {
      IBaseResource r = parse(file);
      if (r instanceof CodeSystem cs) {
        codeSystems.add(cs);
        log.info("loaded CodeSystem {}|{} ({} concepts) from {}", cs.getUrl(), cs.getVersion(), countConcepts(cs.getConcept()), file.getFileName());
      } else if (r instanceof ValueSet vs) {
        valueSets.add(vs);
        log.info("loaded ValueSet {}|{} from {}", vs.getUrl(), vs.getVersion(), file.getFileName());
      } else if (r instanceof ConceptMap cm) {
        conceptMaps.add(cm);
        log.info("loaded ConceptMap {}|{} ({} groups) from {}", cm.getUrl(), cm.getVersion(), cm.getGroup().size(), file.getFileName());
      } else {
        throw new LoadException(file.toString(), 0, r.fhirType() + " is not a terminology resource");
      }
    }
    Releases loaded = join(releases);
    List<FhirPackage> read = new ArrayList<>();
    for (CompletableFuture<FhirPackage> p : packages) {
      read.add(join(p));
    }
    return new LoadedContent(loaded.releases(), codeSystems, valueSets, conceptMaps, loaded.overrides(), read);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** The folder's manifest ({@code releases.json}), read once per load; empty without one. */
  private static List<ReleaseSpec> specs(Path folder) {
    Path manifest = folder.resolve(ReleaseManifest.FILE);
    return Files.exists(manifest) ? ReleaseManifest.read(manifest).releases() : List.of();
  }

  /** A release's file; null for an optional one that is not there (logged); a missing required one stops the load. */
  private static Path releaseFile(Path folder, ReleaseSpec spec) {
    Path file = folder.resolve("releases").resolve(spec.file());
    if (Files.exists(file)) {
      return file;
    }
    if (spec.optional()) {
      log.info("optional {} release file {} not present: skipped", spec.format(), spec.file());
      return null;
    }
    throw new LoadException(folder.resolve(ReleaseManifest.FILE).toString(), 0, "release file " + spec.file()
        + " does not exist");
  }

  /** The manifest's fhir-npm-package files, then the user's; a file named twice is read once. */
  private static List<Path> packageFiles(Path folder, List<ReleaseSpec> specs, List<Path> userPackages) {
    java.util.LinkedHashSet<Path> files = new java.util.LinkedHashSet<>();
    for (ReleaseSpec spec : specs) {
      if (spec.format().equals(PACKAGE_FORMAT)) {
        Path file = releaseFile(folder, spec);
        if (file != null) {
          files.add(file);
        }
      }
    }
    for (Path p : userPackages) {
      if (!Files.isRegularFile(p)) {
        throw new LoadException(p.toString(), 0, "package file does not exist");
      }
      files.add(p);
    }
    return List.copyOf(files);
  }

  private static FhirPackage readPackage(Path file) {
    long start = System.nanoTime();
    FhirPackage p = NpmPackageReader.read(file);
    log.info("indexed FHIR package {} from {} in {} ms: {} terminology resources, {} code-system NamingSystems",
        p.id(), file.getFileName(), (System.nanoTime() - start) / 1_000_000, p.resources().size(),
        p.namingSystems().size());
    return p;
  }

  private record Releases(List<CodeSystemRelease> releases, Map<String, Map<String, String>> overrides) {}

  /** The folder's releases parsed from their files, never from a snapshot (what {@link ReleaseSnapshot} writes). */
  static List<CodeSystemRelease> parseReleases(Path folder) {
    return loadReleases(folder, specs(folder), false).releases();
  }

  /**
   * The releases listed by the folder's manifest. With {@code useSnapshot}, the ICD-10-CM releases come from
   * {@link ReleaseSnapshot#FILE} when it is current; else (and for the other formats) from their files.
   */
  private static Releases loadReleases(Path folder, List<ReleaseSpec> specs, boolean useSnapshot) {
    List<CodeSystemRelease> releases = new ArrayList<>();
    Map<String, Map<String, String>> overrides = new HashMap<>();
    Path manifest = folder.resolve(ReleaseManifest.FILE);
    if (!specs.isEmpty()) {
      Map<String, CodeSystemRelease> snapshot = null;
      if (useSnapshot) {
        long start = System.nanoTime();
        snapshot = ReleaseSnapshot.read(folder, specs, ContentLoader::info);
        if (snapshot != null) {
          log.info("read release snapshot {} ({} releases) in {} ms", ReleaseSnapshot.FILE, snapshot.size(),
              (System.nanoTime() - start) / 1_000_000);
        }
      }
      for (ReleaseSpec spec : specs) {
        if (spec.format().equals(PACKAGE_FORMAT)) {
          continue; // read by load(), on a thread of its own
        }
        if (spec.system() == null || spec.version() == null) {
          throw new LoadException(manifest.toString(), 0, "release " + spec.file() + " (" + spec.format()
              + ") needs a system and a version");
        }
        Path file = releaseFile(folder, spec);
        if (file == null) {
          continue;
        }
        long start = System.nanoTime();
        if (spec.format().equals("cpt-descriptors")) {
          Map<String, String> displays = CptDescriptorFile.read(file);
          overrides.put(spec.system() + "|" + spec.version(), displays);
          log.info("loaded {} licensed CPT descriptors for {}|{} from {}", displays.size(), spec.system(), spec.version(), spec.file());
          continue;
        }
        CodeSystemRelease release = snapshot == null ? null : snapshot.get(spec.system() + "|" + spec.version());
        String source = release != null ? "the snapshot of " + spec.file() : spec.file();
        if (release == null) {
          release = loadRelease(spec, file, releases);
        }
        releases.add(release);
        log.info("loaded release {}|{} ({} concepts) from {} in {} ms", release.url(), release.version(), release.size(),
            source, (System.nanoTime() - start) / 1_000_000);
      }
    }
    return new Releases(releases, overrides);
  }

  private static CodeSystemRelease loadRelease(ReleaseSpec spec, Path file, List<CodeSystemRelease> loaded) {
    CodeSystemInfo info = info(spec);
    return switch (spec.format()) {
      case "icd10cm-order" -> Icd10CmReleases.build(Icd10CmOrderFile.read(file), info);
      case "icd10cm-order-addenda" -> {
        Icd10CmEntrySource base = baseRelease(spec, loaded);
        yield Icd10CmReleases.build(Icd10CmAddenda.read(file).applyTo(base.entries(), spec.version()), info,
            base.release());
      }
      case "nucc-csv" -> CsvReleases.nucc(file, info);
      case "cms-pos-csv" -> CsvReleases.placeOfService(file, info);
      default -> throw new LoadException(ReleaseManifest.FILE, 0, "unknown release format '" + spec.format()
          + "' (known: icd10cm-order, icd10cm-order-addenda, nucc-csv, cms-pos-csv, cpt-descriptors, "
          + PACKAGE_FORMAT + ")");
    };
  }

  /** The entries of the release an addenda file applies to, recovered from the loaded compact form. */
  private static Icd10CmEntrySource baseRelease(ReleaseSpec spec, List<CodeSystemRelease> loaded) {
    for (CodeSystemRelease r : loaded) {
      if (r.url().equals(spec.system()) && r.version().equals(spec.base())) {
        return new Icd10CmEntrySource(r);
      }
    }
    throw new LoadException(ReleaseManifest.FILE, 0, "addenda " + spec.file() + " applies to " + spec.system() + "|"
        + spec.base() + ", which is not listed before it");
  }

  static CodeSystemInfo info(ReleaseSpec s) {
    String id = s.id() != null ? s.id() : (s.name() != null ? s.name() : "release").toLowerCase() + "-" + s.version();
    return new CodeSystemInfo(id, s.system(), s.version(), s.name(), s.title(), "active", "complete", s.publisher(),
        s.description(), s.copyright(), true, "is-a", "en", s.effectiveFrom(), s.effectiveTo());
  }

  private static List<Path> jsonFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new LoadException(folder.toString(), 0, "cannot list: " + e.getMessage(), e);
    }
  }

  private IBaseResource parse(Path file) {
    IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try (Reader in = Files.newBufferedReader(file)) {
      return parser.parseResource(in);
    } catch (DataFormatException e) {
      throw new LoadException(file.toString(), lineOf(e.getMessage()), e.getMessage());
    } catch (IOException e) {
      throw new LoadException(file.toString(), 0, "cannot read: " + e.getMessage(), e);
    }
  }

  static int lineOf(String message) {
    var m = java.util.regex.Pattern.compile("line: (\\d+)").matcher(message == null ? "" : message);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static int countConcepts(List<CodeSystem.ConceptDefinitionComponent> concepts) {
    int n = 0;
    for (CodeSystem.ConceptDefinitionComponent c : concepts) {
      n += 1 + countConcepts(c.getConcept());
    }
    return n;
  }
}
