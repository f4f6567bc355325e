package org.moltx.pages;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.moltx.engine.IndicationService;
import org.moltx.engine.Terminology;
import org.moltx.engine.TerminologyException;
import org.moltx.store.TerminologyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages for people: search, a page per code, the order check, a page per ValueSet and ConceptMap, and the
 * suggestions behind the search box. Read-only (GET); bad input is a 4xx page, never a 500.
 */
public final class PagesServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(PagesServlet.class);
  private static final String HTML = "text/html;charset=utf-8";
  private static final com.fasterxml.jackson.databind.ObjectMapper ERROR_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final transient Terminology terminology;
  private final transient SearchPages search;
  private final transient CodePage code;
  private final transient CheckPage check;
  private final transient ResourcePages resources;

  /** {@code indications}: the server's one (CDS Hooks shares it, and its per-store cache). */
  public PagesServlet(Terminology terminology, IndicationService indications) {
    this.terminology = terminology;
    this.search = new SearchPages(terminology);
    this.code = new CodePage(terminology, indications);
    this.check = new CheckPage(indications);
    this.resources = new ResourcePages(terminology);
  }

  /** Whether a path (in the context) is one of the pages: the operational handler lets these through. */
  public static boolean isPage(String path) {
    return switch (path) {
      case "", "/", "/search", "/suggest", "/code", "/check" -> true;
      default -> path.startsWith("/valueset/") || path.startsWith("/conceptmap/") || path.startsWith("/static/");
    };
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    if (StaticAssets.serve(path, response)) {
      return;
    }
    TerminologyStore store = terminology.store();
    try {
      Params.only(request, parameters(path));
      if (path.equals("/suggest")) {
        json(response, search.suggest(request, store));
        return;
      }
      html(response, 200, route(path, request, store));
    } catch (PageException e) {
      refuse(path, response, store, e);
    } catch (TerminologyException e) {
      // the engine refused the input (a filter it cannot take, an unknown value set): said plainly, with its status
      log.debug("page {} refused: {}", path, e.getMessage());
      int status = e.problem().status();
      refuse(path, response, store, new PageException(status, status == 404 ? "Not found"
          : status == 422 ? "Too large to show" : "Bad request", e.getMessage()));
    }
  }

  /** The refusal as the page's kind of answer: JSON for the suggestions, a page for the rest. */
  private void refuse(String path, HttpServletResponse response, TerminologyStore store, PageException e)
      throws IOException {
    if (path.equals("/suggest")) {
      response.setStatus(e.status());
      json(response, ERROR_JSON.writeValueAsBytes(java.util.Map.of("error", e.getMessage())));
      return;
    }
    html(response, e.status(), problem(store, e));
  }

  /** The query parameters each page reads. */
  private static Set<String> parameters(String path) {
    return switch (path) {
      case "/search", "/suggest" -> Set.of("q", "system");
      case "/code" -> Set.of("system", "code", "version");
      case "/check" -> Set.of("code", "diagnosis");
      default -> path.startsWith("/valueset/") ? Set.of("offset") : Set.of();
    };
  }

  private String route(String path, HttpServletRequest request, TerminologyStore store) {
    return switch (path) {
      case "", "/" -> search.home(store);
      case "/search" -> search.results(request, store);
      case "/code" -> code.render(request, store);
      case "/check" -> check.render(request, store);
      default -> {
        if (path.startsWith("/valueset/")) {
          yield resources.valueSet(id(path, "/valueset/"), request, store);
        }
        if (path.startsWith("/conceptmap/")) {
          yield resources.conceptMap(id(path, "/conceptmap/"), store);
        }
        throw new PageException(404, "Not found", "There is no page at " + path + ".");
      }
    };
  }

  private static String id(String path, String prefix) {
    String id = java.net.URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
    if (id.isEmpty() || id.length() > Params.MAX_TEXT || !id.matches("[A-Za-z0-9\\-.]+")) {
      throw new PageException(404, "Not found", "'" + id + "' is not a resource id (letters, digits, '-' and '.').");
    }
    return id;
  }

  private static String problem(TerminologyStore store, PageException e) {
    Html m = new Html();
    m.el("h1", e.heading());
    m.el("p", e.getMessage(), "class", "problem");
    if (e.more() != null) {
      m.append(e.more());
    }
    m.open("p").a("/", "Search all codes").close("p");
    return Layout.page(store, e.heading(), m, null, null, false);
  }

  /** GET and HEAD (answered by doGet without the body); every other method, OPTIONS and TRACE too, is a 405. */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, jakarta.servlet.ServletException {
    String method = request.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      super.service(request, response);
    } else {
      notAllowed(response);
    }
  }

  private void notAllowed(HttpServletResponse response) throws IOException {
    response.setHeader("Allow", "GET, HEAD");
    html(response, 405, problem(terminology.store(), new PageException(405, "Method not allowed",
        "The pages are read-only: use GET.")));
  }

  private static void html(HttpServletResponse response, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(HTML);
    // pages change only with the content (a reload): revalidate instead of trusting a copy
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static void json(HttpServletResponse response, byte[] body) throws IOException {
    response.setContentType("application/json;charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
