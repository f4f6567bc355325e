package org.moltx.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moltx.TestServer;

class CdsTrainingTest {
  @Test
  void everyTrainingRequestIsAnsweredWith200() {
    // the AppCDS archive holds the classes these answers load: a request the server refuses trains the error path
    Map<String, Integer> statuses = CdsTraining.run(URI.create(TestServer.baseUrl() + "/"));
    assertThat(statuses).hasSize(CdsTraining.REQUESTS.size());
    assertThat(statuses).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(200));
  }
}
