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
    String name = release.info().title() != null ? release.info().title() : release.info().name();
    return name != null ? name : release.url();
  }
}
