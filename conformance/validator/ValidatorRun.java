import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.utilities.FhirPublication;
import org.hl7.fhir.utilities.http.ManagedWebAccess;
import org.hl7.fhir.utilities.npm.FilesystemPackageCacheManager;
import org.hl7.fhir.utilities.settings.FhirSettingsPOJO;
import org.hl7.fhir.utilities.settings.ServerDetailsPOJO;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidationEngine;

/**
 * Validates the resources in a cases folder with the official HL7 FHIR validator (the engine behind the validator CLI
 * and the IG Publisher), using a moltx server as its terminology server, and compares each resource's issues with
 * the expected ones.
 *
 * Run as a single-file source program on the runner library (see run-validator.sh):
 *   java -Duser.home=WORK/home -cp "lib/*" ValidatorRun.java -tx URL -cases DIR -expected DIR -packages DIR -tho FILE
 *       -work DIR [-update]
 *
 * Offline: the packages the engine needs are put into a private package cache (user.home must point into WORK):
 * hl7.fhir.r4.core#4.0.1 is built from HAPI's R4 definitions (no registry we reach has it), hl7.fhir.xver-extensions
 * comes from the npm file in -packages, hl7.terminology.r4 from -tho (the copy the server ships in
 * terminology/releases). The terminology cache is new for every run, so no answer is replayed from an earlier run or
 * another server.
 *
 * Prints one line per resource (issues, HTTP calls to the terminology server) and exits 0 when every resource's
 * issues equal its expected file, 1 when any differ, 3 when the engine could not be set up.
 */
public class ValidatorRun {
  private static final String CORE = "hl7.fhir.r4.core";
  private static final String THO = "hl7.terminology.r4";
  private static final String THO_VERSION = "7.0.1";
  private static final String XVER = "hl7.fhir.xver-extensions";
  private static final String XVER_VERSION = "0.1.0";

  public static void main(String[] args) throws Exception {
    String tx = null;
    File cases = null;
    File expected = null;
    File packages = null;
    File tho = null;
    File work = null;
    boolean update = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-tx" -> tx = args[++i];
        case "-cases" -> cases = new File(args[++i]);
        case "-expected" -> expected = new File(args[++i]);
        case "-packages" -> packages = new File(args[++i]);
        case "-tho" -> tho = new File(args[++i]);
        case "-work" -> work = new File(args[++i]);
        case "-update" -> update = true;
        default -> {
          System.err.println("ValidatorRun: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (tx == null || cases == null || expected == null || packages == null || tho == null || work == null) {
      System.err.println("usage: ValidatorRun -tx URL -cases DIR -expected DIR -packages DIR -tho FILE -work DIR"
          + " [-update]");
      System.exit(2);
    }
    ValidationEngine engine;
    try {
      allowLoopback(tx);
      fillPackageCache(packages, tho);
      File txCache = Files.createTempDirectory(work.toPath(), "tx-cache").toFile();
      engine = new ValidationEngine.ValidationEngineBuilder()
          .withVersion("4.0.1")
          .withTerminologyCachePath(txCache.getAbsolutePath())
          .withTxServer(tx, null, FhirPublication.R4, false)
          .withThoVersion(THO_VERSION)
          .withUserAgent("moltx-validator-check")
          .fromSource(CORE + "#4.0.1");
    } catch (Exception e) {
      System.out.println("ValidatorRun: the validator could not be set up: " + e);
      e.printStackTrace(System.out);
      System.exit(3);
      return;
    }

    File[] files = cases.listFiles((d, n) -> n.endsWith(".json"));
    java.util.Arrays.sort(files);
    int differ = 0;
    expected.mkdirs();
    for (File file : files) {
      long callsBefore = txCalls(tx);
      List<ValidationMessage> messages = new ArrayList<>();
      engine.validate(Files.readAllBytes(file.toPath()), FhirFormat.JSON, List.of(), messages);
      long calls = txCalls(tx) - callsBefore;
      String actual = render(messages);
      String name = file.getName().replace(".json", ".txt");
      File want = new File(expected, name);
      String wanted = want.exists() ? Files.readString(want.toPath()) : null;
      boolean same = actual.equals(wanted);
      System.out.printf("ValidatorRun: %-40s %s  (%d issue(s), %d terminology call(s))%n", file.getName(),
          same ? "as expected" : update ? "UPDATED" : "DIFFERENT", actual.lines().count(), calls);
      if (!same) {
        if (update) {
          Files.writeString(want.toPath(), actual);
        } else {
          differ++;
          System.out.println("  expected:\n" + indent(wanted == null ? "(no file " + want + ")" : wanted)
              + "  actual:\n" + indent(actual));
        }
      }
    }
    System.out.println("ValidatorRun: " + (files.length - differ) + " of " + files.length + " resources judged as expected");
    System.exit(differ == 0 ? 0 : 1);
  }

  /** One line per issue the validator raised: severity, location, message; the whole text, as a user reads it. */
  private static String render(List<ValidationMessage> messages) {
    StringBuilder out = new StringBuilder();
    messages.stream()
        .sorted(java.util.Comparator.comparing(ValidationMessage::getLocation).thenComparing(ValidationMessage::getMessage))
        .forEach(m -> out.append(m.getLevel().toCode()).append(" @ ").append(m.getLocation()).append(": ")
            .append(m.getMessage()).append('\n'));
    return out.toString();
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  /** The HL7 HTTP layer refuses plain http and loopback addresses unless the server is listed as allowed. */
  private static void allowLoopback(String tx) throws Exception {
    URI u = new URI(tx);
    String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    ServerDetailsPOJO server = ServerDetailsPOJO.builder().url(origin).authenticationType("none")
        .allowHttp(true).allowPrivateNetwork(true).build();
    ManagedWebAccess.loadFromFHIRSettings(FhirSettingsPOJO.builder().servers(List.of(server)).build());
  }

  /** Requests the server has answered so far, from its Prometheus endpoint (beside /fhir). */
  private static long txCalls(String tx) throws Exception {
    URI metrics = URI.create(tx.replaceAll("/fhir/?$", "") + "/metrics");
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    long n = 0;
    Matcher m = Pattern.compile("(?m)^moltx_requests_seconds_count\\{([^}]*)} ([0-9.E]+)$").matcher(body);
    while (m.find()) {
      if (!m.group(1).contains("operation=\"metrics\"")) {
        n += (long) Double.parseDouble(m.group(2));
      }
    }
    return n;
  }

  private static void fillPackageCache(File packages, File thoFile) throws Exception {
    FilesystemPackageCacheManager pcm = new FilesystemPackageCacheManager.Builder().build();
    if (!pcm.packageExists(CORE, "4.0.1")) {
      pcm.addPackageToCache(CORE, "4.0.1", new ByteArrayInputStream(r4CorePackage()), "HAPI R4 definitions");
    }
    if (!pcm.packageExists(XVER, XVER_VERSION)) {
      try (InputStream in = Files.newInputStream(new File(packages, XVER + "-" + XVER_VERSION + ".tgz").toPath())) {
        pcm.addPackageToCache(XVER, XVER_VERSION, in, "npm");
      }
    }
    if (!pcm.packageExists(THO, THO_VERSION)) {
      byte[] tho = withoutExtensionsDependency(thoFile);
      pcm.addPackageToCache(THO, THO_VERSION, new ByteArrayInputStream(tho), "npm");
    }
  }

  /**
   * hl7.fhir.r4.core#4.0.1 from the definitions in hapi-fhir-validation-resources-r4 (StructureDefinitions,
   * extensions, ValueSets, CodeSystems, SearchParameters), one JSON file per resource plus package.json.
   */
  private static byte[] r4CorePackage() throws Exception {
    File jar = null;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (new File(entry).getName().startsWith("hapi-fhir-validation-resources-r4")) {
        jar = new File(entry);
      }
    }
    if (jar == null) {
      throw new IllegalStateException("hapi-fhir-validation-resources-r4 is not on the class path (runner/pom.xml)");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    org.hl7.fhir.r4.formats.XmlParser xml = new org.hl7.fhir.r4.formats.XmlParser();
    org.hl7.fhir.r4.formats.JsonParser json = new org.hl7.fhir.r4.formats.JsonParser();
    java.util.Set<String> written = new java.util.HashSet<>();
    try (ZipFile zip = new ZipFile(jar);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      put(tar, "package/package.json", ("{\"name\":\"" + CORE + "\",\"version\":\"4.0.1\",\"type\":\"Core\","
          + "\"fhirVersions\":[\"4.0.1\"],\"canonical\":\"http://hl7.org/fhir\",\"url\":\"http://hl7.org/fhir/R4\","
          + "\"license\":\"CC0-1.0\",\"dependencies\":{}}").getBytes(StandardCharsets.UTF_8));
      for (String path : List.of("org/hl7/fhir/r4/model/profile/profiles-types.xml",
          "org/hl7/fhir/r4/model/profile/profiles-resources.xml", "org/hl7/fhir/r4/model/profile/profiles-others.xml",
          "org/hl7/fhir/r4/model/extension/extension-definitions.xml", "org/hl7/fhir/r4/model/valueset/valuesets.xml",
          "org/hl7/fhir/r4/model/valueset/v3-codesystems.xml", "org/hl7/fhir/r4/model/valueset/v2-tables.xml",
          "org/hl7/fhir/r4/model/sp/search-parameters.json")) {
        ZipEntry e = zip.getEntry(path);
        Bundle bundle;
        try (InputStream in = zip.getInputStream(e)) {
          bundle = (Bundle) (path.endsWith(".json") ? json.parse(in) : xml.parse(in));
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
          Resource r = entry.getResource();
          if (r == null || !r.hasId()) {
            continue;
          }
          String file = "package/" + r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json";
          if (written.add(file)) {
            put(tar, file, json.composeBytes(r));
          }
        }
      }
    }
    return bytes.toByteArray();
  }

  /** THO 7.0.1 depends on hl7.fhir.uv.extensions.r4 5.2.0, which npm does not carry: drop that dependency. */
  private static byte[] withoutExtensionsDependency(File tgz) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz.toPath())));
         TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        byte[] content = in.readAllBytes();
        if (e.getName().equals("package/package.json")) {
          content = new String(content, StandardCharsets.UTF_8)
              .replaceAll(",\\s*\"hl7\\.fhir\\.uv\\.extensions\\.r4\"\\s*:\\s*\"[^\"]*\"", "")
              .getBytes(StandardCharsets.UTF_8);
        }
        put(out, e.getName(), content);
      }
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
