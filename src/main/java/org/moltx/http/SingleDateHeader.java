package org.moltx.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One Date header per response (RFC 9110 6.6.1 allows one). When HAPI answers an error it resets the servlet
 * response, and Jetty then adds a second Date beside the first; this keeps the first when the headers are written.
 */
public final class SingleDateHeader extends Handler.Wrapper {
  public SingleDateHeader(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return super.handle(request, new Response.Wrapper(request, response) {
      @Override
      public void write(boolean last, ByteBuffer content, Callback written) {
        if (!isCommitted()) {
          // counted in one pass: HttpFields.getFields(DATE) collected a list per response (JFR)
          HttpFields.Mutable headers = getHeaders();
          HttpField first = null;
          int dates = 0;
          for (HttpField field : headers) {
            if (field.getHeader() == HttpHeader.DATE && dates++ == 0) {
              first = field;
            }
          }
          if (dates > 1) {
            headers.put(first);
          }
        }
        super.write(last, content, written);
      }
    }, callback);
  }
}
