package org.moltx.pages;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.moltx.engine.Terminology;
import org.moltx.http.AcceptHeader;

/**
 * /fhir for a browser: a request that accepts text/html and names no {@code _format} is answered as FHIR JSON
 * would be, rendered as a readable, escaped and highlighted page with the same status. FHIR clients (Accept:
 * application/fhir+json, or {@code _format}) never come here and get exactly what they got before.
 */
public final class FhirHtmlFilter implements Filter {
  private static final String FHIR_JSON = "application/fhir+json";
  /** The largest JSON answer shown as a page. */
  static final int MAX_PAGE_JSON = 512 * 1024;
  private final Terminology terminology;

  public FhirHtmlFilter(Terminology terminology) {
    this.terminology = terminology;
  }

  /** A browser's request for a page: text/html accepted, and no _format chosen. */
  static boolean wantsHtml(String accept, String query) {
    if (!AcceptHeader.acceptsHtml(accept)) {
      return false;
    }
    if (query == null) {
      return true;
    }
    for (String param : query.split("&")) {
      if (param.equals("_format") || param.startsWith("_format=")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (!wantsHtml(request.getHeader("Accept"), request.getQueryString())) {
      chain.doFilter(req, resp);
      return;
    }
    HttpServletResponse response = (HttpServletResponse) resp;
    Captured captured = new Captured(response);
    chain.doFilter(new AsJson(request), captured);
    if (captured.passedThrough()) {
      captured.finish(); // too large to show as a page: it went out as JSON
      return;
    }
    byte[] body = captured.bytes();
    String type = captured.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
      // not FHIR JSON (nothing to render): as it came
      response.setStatus(captured.getStatus());
      if (type != null) {
        response.setContentType(type);
      }
      response.getOutputStream().write(body);
      return;
    }
    String title = "FHIR " + request.getRequestURI().substring(request.getContextPath().length());
    String page = JsonHtml.page(terminology.store(), title, request.getRequestURI()
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), captured.getStatus(), body);
    byte[] html = page.getBytes(StandardCharsets.UTF_8);
    response.setStatus(captured.getStatus());
    response.setContentType("text/html;charset=utf-8");
    response.setHeader("Vary", "Accept");
    response.setContentLength(html.length);
    response.getOutputStream().write(html);
  }

  /** The browser's request as a FHIR client's: JSON accepted, uncompressed (gzip is done further out). */
  private static final class AsJson extends HttpServletRequestWrapper {
    AsJson(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      if ("Accept".equalsIgnoreCase(name)) {
        return FHIR_JSON;
      }
      return "Accept-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if ("Accept".equalsIgnoreCase(name)) {
        return Collections.enumeration(java.util.List.of(FHIR_JSON));
      }
      return "Accept-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }
  }

  /**
   * The answer kept in memory to be rendered after, up to {@link #MAX_PAGE_JSON}: a larger one (the whole ICD-10-CM
   * CodeSystem is 37 MB, the NUCC one 1 MB) is no page for a person and would cost many times its size as one: it
   * goes out as the JSON it is, as it is written.
   */
  private static final class Captured extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private int status = 200;
    private String contentType;
    private PrintWriter writer;
    private ServletOutputStream direct;
    private final ServletOutputStream stream = new ServletOutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (direct == null && buffer.size() + len > MAX_PAGE_JSON) {
          passThrough();
        }
        if (direct != null) {
          direct.write(b, off, len);
        } else {
          buffer.write(b, off, len);
        }
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {
        throw new UnsupportedOperationException("blocking writes only");
      }
    };

    Captured(HttpServletResponse response) {
      super(response);
    }

    private void passThrough() throws IOException {
      HttpServletResponse real = (HttpServletResponse) getResponse();
      real.setStatus(status);
      if (contentType != null) {
        real.setContentType(contentType);
      }
      direct = real.getOutputStream();
      direct.write(buffer.toByteArray());
      buffer.reset();
    }

    boolean passedThrough() {
      flushWriter();
      return direct != null;
    }

    void finish() throws IOException {
      direct.flush();
    }

    byte[] bytes() {
      flushWriter();
      return buffer.toByteArray();
    }

    private void flushWriter() {
      if (writer != null) {
        writer.flush();
      }
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return stream;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public void sendError(int sc, String msg) {
      status = sc;
    }

    @Override
    public void sendError(int sc) {
      sendError(sc, null);
    }

    @Override
    public void setContentType(String type) {
      contentType = type;
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public void setContentLength(int len) {
      // the page has a length of its own
    }

    @Override
    public void setContentLengthLong(long len) {
      // as above
    }

    @Override
    public void setHeader(String name, String value) {
      if (!intercepted(name, value)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!intercepted(name, value)) {
        super.addHeader(name, value);
      }
    }

    /** Content-Type is kept for the page; the JSON's length and encoding are not the page's. */
    private boolean intercepted(String name, String value) {
      if ("Content-Type".equalsIgnoreCase(name)) {
        contentType = value;
        return true;
      }
      return "Content-Length".equalsIgnoreCase(name) || "Content-Encoding".equalsIgnoreCase(name);
    }

    @Override
    public void reset() {
      if (direct != null) {
        throw new IllegalStateException("the answer is already going out");
      }
      buffer.reset();
      writer = null;
      status = 200;
      contentType = null;
    }

    @Override
    public void resetBuffer() {
      buffer.reset();
      writer = null;
    }

    @Override
    public void flushBuffer() {
      // kept until rendered
    }

    @Override
    public boolean isCommitted() {
      return direct != null && getResponse().isCommitted();
    }
  }
}
