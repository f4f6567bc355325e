package org.moltx.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DatesTest {
  @Test
  void nowToTheSecondIsTheCurrentSecondAsAFhirDateTime() {
    OffsetDateTime before = OffsetDateTime.now().withNano(0);
    String stamp = Dates.nowToTheSecond();
    OffsetDateTime after = OffsetDateTime.now();
    assertThat(stamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
    OffsetDateTime parsed = OffsetDateTime.parse(stamp);
    assertThat(parsed).isBetween(before, after);
    assertThat(parsed.getOffset()).isEqualTo(after.getOffset());
  }

  @Test
  void nowToTheSecondMovesOnWithTheClock() throws Exception {
    String first = Dates.nowToTheSecond();
    Thread.sleep(1100);
    assertThat(OffsetDateTime.parse(Dates.nowToTheSecond())).isAfter(OffsetDateTime.parse(first));
  }
}
