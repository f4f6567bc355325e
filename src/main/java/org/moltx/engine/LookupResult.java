package org.moltx.engine;

import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.Designation;

/** $lookup output for one concept of one release. */
public record LookupResult(
    CodeSystemRelease release,
    String code,
    String display,
    String definition,
    boolean isAbstract,
    List<Designation> designations,
    List<ResultProperty> properties) {

  public String systemName() {
    // the computable name, as the ecosystem's servers give it; the title only when there is no name
    String name = release.info().name() != null ? release.info().name() : release.info().title();
    return name != null ? name : release.url();
  }
}
