package org.moltx.app;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container health check without curl: {@code java -cp moltx.jar org.moltx.app.HealthProbe [path]} asks
 * {@code http://127.0.0.1:$MOLTX_PORT/healthz} (or the given path, e.g. /readyz) and exits 0 on 200, else 1.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("MOLTX_PORT", "8080").trim();
    String path = args.length > 0 ? args[0] : "/healthz";
    System.exit(probe("http://127.0.0.1:" + port + path) ? 0 : 1);
  }

  static boolean probe(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(2_000);
      c.setReadTimeout(3_000);
      int status = c.getResponseCode();
      c.disconnect();
      if (status != 200) {
        System.err.println("moltx health probe: " + url + " answered " + status);
      }
      return status == 200;
    } catch (Exception e) {
      System.err.println("moltx health probe: " + url + " unreachable: " + e.getMessage());
      return false;
    }
  }
}
