package org.moltx.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Applies Jetty's ForwardedRequestCustomizer (Forwarded, X-Forwarded-For/-Proto/-Host/-Port) only to connections
 * from the configured trusted proxies; anyone else's forwarding headers are ignored, so a client cannot choose the
 * scheme, host or address the server sees.
 */
public final class TrustedForwarded implements HttpConfiguration.Customizer {
  private final InetAddressSet trusted = new InetAddressSet();
  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

  public TrustedForwarded(List<String> proxies) {
    for (String p : proxies) {
      trusted.add(p);
    }
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null && trusted(inet.getAddress())) {
      return forwarded.customize(request, responseHeaders);
    }
    return request;
  }

  boolean trusted(InetAddress address) {
    return trusted.test(address);
  }
}
