package org.moltx.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * HEAD is GET without the body (RFC 9110 9.3.2). HAPI's RestfulServer refuses HEAD with a 400, so a HEAD request is
 * answered as the GET it mirrors: same status and headers, the body counted for Content-Length and dropped.
 */
public final class HeadRequestFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http) || !"HEAD".equals(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest asGet = new HttpServletRequestWrapper(http) {
      @Override
      public String getMethod() {
        return "GET";
      }
    };
    Bodiless bodiless = new Bodiless((HttpServletResponse) response);
    chain.doFilter(asGet, bodiless);
    bodiless.finish();
  }

  /** A response whose body is counted, not sent. */
  private static final class Bodiless extends HttpServletResponseWrapper {
    private long length;
    private PrintWriter writer;
    private final ServletOutputStream counter = new ServletOutputStream() {
      @Override
      public void write(int b) {
        length++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        length += len;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {
        // writes never block
      }
    };

    Bodiless(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return counter;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        String charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
        writer = new PrintWriter(new OutputStreamWriter(counter, java.nio.charset.Charset.forName(charset)));
      }
      return writer;
    }

    void finish() {
      if (writer != null) {
        writer.flush();
      }
      if (!isCommitted() && length > 0) {
        setContentLengthLong(length);
      }
    }
  }
}
