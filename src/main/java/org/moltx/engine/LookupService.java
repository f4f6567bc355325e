package org.moltx.engine;

import java.util.ArrayList;
import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.ConceptProperty;
import org.moltx.model.Designation;
import org.moltx.model.PropertyDef;
import org.moltx.model.PropertyType;
import org.moltx.store.TerminologyStore;

/** CodeSystem/$lookup: everything the server knows of one concept. */
public final class LookupService {

  public LookupResult lookup(TerminologyStore store, LookupRequest request) {
    if (request.code() == null || request.code().isBlank()) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No code given: supply code and system, or coding", "code");
    }
    if (request.system() == null || request.system().isBlank()) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "No system given: supply code and system, or coding", "system");
    }
    String system = store.canonicalSystem(request.system());
    CodeSystemRelease release = CodeSystemResolver.resolve(store, system, request.version(), request.date());
    int i = release.indexOf(request.code());
    if (i < 0) {
      // a 404 (tx-issue-type not-found) with the id moltx has always given it; $validate-code's unknown-code finding
      // is Unknown_Code_in_Version
      throw new TerminologyException(Problem.UNKNOWN_CODE, MessageId.UNKNOWN_CODESYSTEM_VERSION,
          MessageId.UNKNOWN_CODE_IN_VERSION.text(request.code(), system, release.version(),
              Hints.forUnknownCode(store, release, request.code(), request.version() != null)), "code");
    }
    List<String> wanted = request.properties() == null ? List.of() : request.properties();
    List<ResultProperty> props = new ArrayList<>();
    if (wants(wanted, "parent") && release.parent(i) >= 0) {
      props.add(new ResultProperty("parent", PropertyType.CODE, release.code(release.parent(i)), release.display(release.parent(i))));
    }
    if (wants(wanted, "child")) {
      for (int child : release.children(i)) {
        props.add(new ResultProperty("child", PropertyType.CODE, release.code(child), release.display(child)));
      }
    }
    if (wants(wanted, "inactive")) {
      props.add(new ResultProperty("inactive", PropertyType.BOOLEAN, release.isInactive(i), null));
    }
    for (ConceptProperty p : release.conceptProperties(i)) {
      if (wants(wanted, p.code()) && !p.code().equals("parent") && !p.code().equals("child")) {
        PropertyDef def = release.propertyDef(p.code());
        props.add(new ResultProperty(p.code(), def != null ? def.type() : PropertyType.STRING, p.value(), null));
      }
    }
    List<Designation> designations = new ArrayList<>();
    if (wants(wanted, "designation")) {
      // the code system's own, then its display as the preferred term in its language, then the supplements'
      List.of(release.designations(i)).stream().filter(d -> d.source() == null).forEach(designations::add);
      if (release.display(i) != null) {
        designations.add(new Designation(release.info().language(), Languages.PREFERRED_FOR_LANGUAGE, release.display(i)));
      }
      List.of(release.designations(i)).stream().filter(d -> d.source() != null).forEach(designations::add);
    }
    // displayLanguage: the concept's designation in that language when it has one (none when others are refused)
    return new LookupResult(release, release.code(i), Languages.display(release, i, request.displayLanguage()),
        release.definition(i), release.isAbstract(i), designations, props);
  }

  private static boolean wants(List<String> wanted, String property) {
    return wanted.isEmpty() || wanted.contains(property) || wanted.contains("*");
  }
}
