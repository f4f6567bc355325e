import java.io.File;
import java.io.FileOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hl7.fhir.r5.formats.IParser.OutputStyle;
import org.hl7.fhir.utilities.http.ManagedWebAccess;
import org.hl7.fhir.utilities.settings.FhirSettingsPOJO;
import org.hl7.fhir.utilities.settings.ServerDetailsPOJO;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.validation.special.TxTester;

/**
 * moltx conformance runner, adapted from the example runner that accompanies the vendored test suite.
 *
 * Thin command-line wrapper around the published HL7 TxTester class
 * (ca.uhn.hapi.fhir:org.hl7.fhir.validation), because the validator's own
 * "txTests" CLI module is not published on Maven Central.
 *
 * Run as a single-file source program:
 *   java -cp "lib/*" src/TxRun.java -source DIR|MANIFEST.json -tx URL [-output DIR] [-mode m1,m2] [-suite NAME] [-filter TEXT]
 *                                   [-externals FILE] [-tight] [-allow-failures]
 *
 * Prints one line per suite and a closing "N passed, N failed, N skipped" line, and writes
 * summary.properties (passed/failed/skipped/total/aborted) into the output folder for scripts.
 * Exit code: 0 when every executed test passed (or -allow-failures), 1 when tests failed, 2 on bad usage,
 * 3 when the run itself broke (server unreachable, /metadata or ?mode=terminology rejected, tester threw):
 * 3 is returned even with -allow-failures, so CI can tell "tests fail" from "runner did not run".
 */
public class TxRun {

  public static void main(String[] args) throws Exception {
    String source = null;
    String tx = null;
    String output = null;
    String filter = null;
    String suite = null;
    String externals = null;
    boolean tight = false;
    boolean allowFailures = false;
    Set<String> modes = new TreeSet<>();
    modes.add("general");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-source": source = args[++i]; break;
        case "-tx": tx = args[++i]; break;
        case "-output": output = args[++i]; break;
        case "-filter": filter = args[++i]; break;
        case "-suite": suite = args[++i]; break;
        case "-externals": externals = args[++i]; break;
        case "-tight": tight = true; break;
        case "-allow-failures": allowFailures = true; break;
        case "-mode":
        case "-modes":
          for (String m : args[++i].split(",")) {
            m = m.trim();
            if (m.equals("!general")) {
              modes.remove("general");
            } else if (!m.isEmpty()) {
              modes.add(m);
            }
          }
          break;
        default:
          System.err.println("Unknown argument: " + a);
          System.exit(2);
      }
    }
    if (source == null || tx == null) {
      System.err.println("usage: TxRun -source <tests folder with test-cases.json> -tx <server base url> [-output dir] "
          + "[-mode m1,m2|!general] [-suite name] [-filter text] [-externals file] [-tight] [-allow-failures]");
      System.exit(2);
    }
    // -source is either the tests folder (uses its test-cases.json) or a manifest file inside it
    // (e.g. a filtered copy of test-cases.json; the paths in it are relative to its folder).
    File src = new File(source).getAbsoluteFile();
    if (src.isDirectory() ? !new File(src, "test-cases.json").exists() : !src.isFile()) {
      System.err.println("No test manifest at " + source + " (refusing to fall back to downloading the test package)");
      System.exit(2);
    }
    if (output == null) {
      output = new File("tx-results").getAbsolutePath();
    }
    new File(output).mkdirs();
    // never read a previous run's results: clear what TxTester/this launcher write
    for (String stale : new String[] {"test-results.json", "failed-tests.txt", "report.json", "summary.properties"}) {
      new File(output, stale).delete();
    }
    for (String staleDir : new String[] {"expected", "actual"}) {
      deleteTree(new File(output, staleDir));
    }

    // The HL7 HTTP layer refuses plain http and loopback/private addresses unless the server is
    // listed in the FHIR settings with allowHttp/allowPrivateNetwork. Register the -tx origin here
    // (on top of ~/.fhir/fhir-settings.json or -Dfhir.settings.path, if present).
    java.net.URI u = new java.net.URI(tx);
    String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    ServerDetailsPOJO server = ServerDetailsPOJO.builder().url(origin).authenticationType("none")
        .allowHttp(true).allowPrivateNetwork(true).build();
    ManagedWebAccess.loadFromFHIRSettings(FhirSettingsPOJO.builder().servers(List.of(server)).build());

    JsonObject ext = externals == null ? null : JsonParser.parseObjectFromFile(externals);
    TxTester tester = new TxTester(new TxTester.InternalTxLoader(src.getPath(), false), tx, tight, ext, null);
    tester.setOutput(output);
    boolean ok;
    boolean aborted = false;
    try {
      ok = tester.execute(modes, filter, suite);
    } catch (Throwable e) {
      System.out.println("TxRun: the tester threw " + e);
      e.printStackTrace(System.out);
      ok = false;
      aborted = true;
    }

    try (FileOutputStream fo = new FileOutputStream(new File(output, "report.json"))) {
      new org.hl7.fhir.r5.formats.JsonParser().setOutputStyle(OutputStyle.PRETTY).compose(fo, tester.getTestReport());
    } catch (Throwable e) {
      System.out.println("TxRun: could not write report.json: " + e);
    }

    // Summarise test-results.json (written by TxTester.execute when it got as far as running suites)
    int pass = 0;
    int fail = 0;
    int skipped = 0;
    File results = new File(output, "test-results.json");
    List<String> failed = new ArrayList<>();
    Map<String, int[]> perSuite = new java.util.LinkedHashMap<>(); // manifest order
    if (results.exists()) {
      JsonObject json = JsonParser.parseObjectFromFile(results.getAbsolutePath());
      for (JsonObject s : json.forceArray("suites").asJsonObjects()) {
        int[] c = perSuite.computeIfAbsent(s.asString("name"), k -> new int[3]);
        for (JsonObject t : s.forceArray("tests").asJsonObjects()) {
          String st = t.asString("status");
          if ("pass".equals(st)) {
            pass++;
            c[0]++;
          } else if ("fail".equals(st)) {
            fail++;
            c[1]++;
            failed.add(s.asString("name") + "/" + t.asString("name"));
          } else if ("ignored".equals(st)) {
            skipped++; // excluded by -filter
            c[2]++;
          } else {
            // TxTester leaves no status when the test threw (connection error, unparseable response...)
            fail++;
            c[1]++;
            failed.add(s.asString("name") + "/" + t.asString("name") + " (exception)");
          }
        }
      }
    } else {
      System.out.println("TxRun: no test-results.json - the tester stopped before running any suite");
      aborted = true;
    }
    if (pass + fail + skipped == 0) {
      aborted = true;
    }
    System.out.println();
    System.out.println("TxRun: modes=" + modes + " source=" + source + " server=" + tx + " output=" + output);
    for (Map.Entry<String, int[]> e : perSuite.entrySet()) {
      int[] c = e.getValue();
      System.out.println(String.format("TxRun suite %-26s %4d passed %4d failed %4d skipped", e.getKey(), c[0], c[1], c[2]));
    }
    try (java.io.PrintWriter pw = new java.io.PrintWriter(new File(output, "failed-tests.txt"), "UTF-8")) {
      for (String f : failed) {
        pw.println(f);
      }
    }
    try (java.io.PrintWriter pw = new java.io.PrintWriter(new File(output, "summary.properties"), "UTF-8")) {
      pw.println("passed=" + pass);
      pw.println("failed=" + fail);
      pw.println("skipped=" + skipped);
      pw.println("total=" + (pass + fail + skipped));
      pw.println("aborted=" + aborted);
    }
    if (aborted) {
      printProblems(new File(output, "test.log"));
      System.out.println("TxRun: RUN ABORTED - the tests did not run; the counts below are not a test result");
    }
    System.out.println(pass + " passed, " + fail + " failed, " + skipped + " skipped");
    System.exit(aborted ? 3 : (ok && fail == 0) || allowFailures ? 0 : 1);
  }

  /** An aborted run: show why (the WARN/ERROR lines of the tester's log; the console is quiet by default). */
  private static void printProblems(File log) {
    if (!log.exists()) {
      System.out.println("TxRun: no " + log + " - rerun with TX_VERBOSE=1 to see the tester's log");
      return;
    }
    try {
      int shown = 0;
      for (String line : java.nio.file.Files.readAllLines(log.toPath(), java.nio.charset.StandardCharsets.UTF_8)) {
        if ((line.contains(" WARN ") || line.contains(" ERROR ")) && shown++ < 40) {
          System.out.println("TxRun: log: " + line);
        }
      }
      System.out.println("TxRun: full log: " + log);
    } catch (java.io.IOException e) {
      System.out.println("TxRun: cannot read " + log + ": " + e);
    }
  }

  private static void deleteTree(File f) {
    File[] kids = f.listFiles();
    if (kids != null) {
      for (File k : kids) {
        deleteTree(k);
      }
    }
    f.delete();
  }
}
