package org.moltx.app;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the application class-data-sharing (AppCDS) archive: with the system property
 * {@code moltx.cds.training=true} the server, once ready, sends itself one request of each kind (so that the
 * classes answering them are loaded), then stops and exits 0; the JVM, started with
 * {@code -XX:ArchiveClassesAtExit=moltx.jsa}, writes the archive at exit. The Maven build does this after the shaded
 * jar is made (target/moltx.jsa) and the Docker image at build time; bin/moltx then starts with
 * {@code -XX:SharedArchiveFile=moltx.jsa}, mapping those classes instead of loading and verifying them from the jar.
 */
final class CdsTraining {
  static final String PROPERTY = "moltx.cds.training";
  private static final Logger log = LoggerFactory.getLogger(CdsTraining.class);
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

  /** Paths under the server's root, each asked once with GET. */
  static final List<String> REQUESTS = List.of(
      "fhir/metadata",
      "fhir/CodeSystem/$lookup?system=" + CPT + "&code=81455",
      "fhir/CodeSystem/$lookup?system=" + ICD + "&code=C92.01&property=parent",
      "fhir/CodeSystem/$validate-code?url=" + ICD + "&code=C92.10",
      "fhir/CodeSystem/$validate-code?url=" + ICD + "&code=NOPE",
      "fhir/CodeSystem/$subsumes?system=" + ICD + "&codeA=C92&codeB=C92.01",
      "fhir/ConceptMap/$translate?system=" + CPT + "&code=81455&targetsystem=" + ICD,
      "fhir/ConceptMap/$translate?system=" + ICD + "&code=C92.00&reverse=true",
      "fhir/ValueSet/$expand?url=" + ICD + "?fhir_vs&filter=leukemia&count=20",
      "fhir/ValueSet/$expand?url=http://moltx.org/fhir/ValueSet/cpt-81455-indications",
      "fhir/ValueSet/$validate-code?url=http://moltx.org/fhir/ValueSet/cpt-81455-indications&system=" + ICD
          + "&code=C18.0",
      "fhir/CodeSystem?url=" + CPT,
      "fhir/ValueSet/cpt-81455-indications",
      "cds-services",
      // the pages for people, so their first answers come from the archive's classes too
      "",
      "search?q=E11.6",
      "suggest?q=acute%20myeloblastic",
      "code?system=" + CPT + "&code=81455",
      "code?system=" + ICD + "&code=C92.01",
      "check?code=81455&diagnosis=J45.909",
      "valueset/cpt-81455-indications",
      "conceptmap/cpt-related-codes",
      "static/suggest.js",
      "healthz",
      "readyz",
      "metrics");

  private CdsTraining() {}

  static boolean requested() {
    return Boolean.getBoolean(PROPERTY);
  }

  /**
   * Sends each request of {@link #REQUESTS} to the server at {@code base} (ending in '/') and reads the answers;
   * returns each path's status (-1: no answer).
   */
  static java.util.Map<String, Integer> run(URI base) {
    java.util.Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
    for (String path : REQUESTS) {
      statuses.put(path, -1);
      String url = base + path.replace("|", "%7C").replace("?fhir_vs", "%3Ffhir_vs");
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Accept-Encoding", "gzip");
        int status = c.getResponseCode();
        try (var in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
          if (in != null) {
            in.readAllBytes();
          }
        }
        statuses.put(path, status);
        log.info("CDS training: GET /{} {}", path, status);
      } catch (Exception e) {
        log.warn("CDS training: GET /{} failed: {}", path, e.toString());
      }
    }
    return statuses;
  }
}
