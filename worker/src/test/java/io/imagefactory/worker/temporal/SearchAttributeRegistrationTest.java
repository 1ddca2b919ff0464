package io.imagefactory.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.worker.temporal.SearchAttributeRegistration.Outcome;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The search-attribute check against the Temporal test server on a port of its own (what is absent
 * is registered, what is there is left alone) and, for what that server cannot model, a tiny
 * operator service of our own: the test server has no {@code ListSearchAttributes}, so it can show
 * neither an attribute of another type nor a refused registration.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SearchAttributeRegistrationTest {

  private static final String NAMESPACE = "default";
  private static final Map<String, IndexedValueType> WANTED = EntitySearchAttributes.DEFINITIONS;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static OperatorServiceStubs operatorAt(String target) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
  }

  private static SearchAttributeRegistration registration(
      OperatorServiceStubs operator, String target) {
    return new SearchAttributeRegistration(operator, target, NAMESPACE, WANTED);
  }

  private static AddSearchAttributesRequest add(Map<String, IndexedValueType> attributes) {
    return AddSearchAttributesRequest.newBuilder()
        .setNamespace(NAMESPACE)
        .putAllSearchAttributes(attributes)
        .build();
  }

  @Test
  void onTheTestServerTheAbsentAttributesAreRegistered() throws Exception {
    int port = freePort();
    String target = "127.0.0.1:" + port;
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
      OperatorServiceStubs operator = operatorAt(target);
      try {
        Outcome outcome = registration(operator, target).ensure();

        assertThat(outcome.registered()).containsExactlyInAnyOrderElementsOf(WANTED.keySet());
        assertThat(outcome.present()).isEmpty();
        // Registered for real: the server now refuses each as existing.
        for (Map.Entry<String, IndexedValueType> attribute : WANTED.entrySet()) {
          assertThatThrownBy(
                  () ->
                      operator
                          .blockingStub()
                          .addSearchAttributes(
                              add(Map.of(attribute.getKey(), attribute.getValue()))))
              .isInstanceOfSatisfying(
                  StatusRuntimeException.class,
                  e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        }
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void onTheTestServerAttributesAlreadyThereAreLeftAlone() throws Exception {
    int port = freePort();
    String target = "127.0.0.1:" + port;
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
      OperatorServiceStubs operator = operatorAt(target);
      try {
        operator.blockingStub().addSearchAttributes(add(WANTED));

        Outcome outcome = registration(operator, target).ensure();

        assertThat(outcome.registered()).isEmpty();
        assertThat(outcome.present()).containsExactlyInAnyOrderElementsOf(WANTED.keySet());
        assertThat(outcome.typesChecked()).as("the test server cannot list types").isFalse();
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void attributesListedWithTheirTypesNeedNothing() {
    try (FakeOperatorService temporal = new FakeOperatorService()) {
      temporal.attributes.putAll(WANTED);
      OperatorServiceStubs operator = temporal.stubs();
      try {
        Outcome outcome = registration(operator, temporal.target()).ensure();

        assertThat(outcome.registered()).isEmpty();
        assertThat(outcome.typesChecked()).isTrue();
        assertThat(temporal.adds).isEmpty();
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void onlyTheMissingAttributesAreAdded() {
    try (FakeOperatorService temporal = new FakeOperatorService()) {
      temporal.attributes.putAll(WANTED);
      temporal.attributes.remove("RebuildPending");
      temporal.attributes.remove("BaseImages");
      OperatorServiceStubs operator = temporal.stubs();
      try {
        Outcome outcome = registration(operator, temporal.target()).ensure();

        assertThat(outcome.registered()).containsExactly("BaseImages", "RebuildPending");
        assertThat(temporal.adds)
            .singleElement()
            .satisfies(
                r ->
                    assertThat(r.getSearchAttributesMap())
                        .containsOnly(
                            Map.entry(
                                "BaseImages", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST),
                            Map.entry("RebuildPending", IndexedValueType.INDEXED_VALUE_TYPE_BOOL)));
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void anAttributeOfAnotherTypeIsRefusedWithTheCommandsThatFixIt() {
    try (FakeOperatorService temporal = new FakeOperatorService()) {
      temporal.attributes.putAll(WANTED);
      temporal.attributes.put("BaseImages", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      OperatorServiceStubs operator = temporal.stubs();
      try {
        assertThatThrownBy(() -> registration(operator, temporal.target()).ensure())
            .isInstanceOf(SearchAttributesRefusedException.class)
            .hasMessageContaining("BaseImages is Keyword where the workflows set KeywordList")
            .hasMessageContaining(
                "  temporal operator search-attribute remove --namespace default --name "
                    + "BaseImages\n"
                    + "  temporal operator search-attribute create --namespace default"
                    + " --name BaseImages --type KeywordList\n")
            .hasMessageContaining(
                "  tcld namespace search-attributes add --namespace default"
                    + " --search-attribute \"BaseImages=KeywordList\"")
            .hasMessageNotContaining("--name ImageName");
        assertThat(temporal.adds).as("nothing registered beside a wrong one").isEmpty();
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void withoutPermissionToRegisterItRefusesWithTheCommandsForWhatIsMissing() {
    try (FakeOperatorService temporal = new FakeOperatorService()) {
      temporal.attributes.putAll(WANTED);
      temporal.attributes.remove("RebuildEligibleAt");
      temporal.addAnswer = Status.PERMISSION_DENIED.withDescription("Request unauthorized.");
      OperatorServiceStubs operator = temporal.stubs();
      try {
        assertThatThrownBy(() -> registration(operator, temporal.target()).ensure())
            .isInstanceOf(SearchAttributesRefusedException.class)
            .hasMessageContaining("RebuildEligibleAt (Datetime)")
            .hasMessageContaining("PERMISSION_DENIED: Request unauthorized.")
            .hasMessageContaining(
                "  temporal operator search-attribute create --namespace default"
                    + " --name RebuildEligibleAt --type Datetime\n")
            .hasMessageContaining(
                "  tcld namespace search-attributes add --namespace default"
                    + " --search-attribute \"RebuildEligibleAt=Datetime\"")
            .hasMessageNotContaining("--name ImageName");
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void aServerThatCanNeitherListNorRegisterIsRefusedWithEveryCommand() {
    // Temporal Cloud without the operator calls this identity needs.
    try (FakeOperatorService temporal = new FakeOperatorService()) {
      temporal.listAnswer = Status.UNIMPLEMENTED;
      temporal.addAnswer = Status.UNIMPLEMENTED;
      OperatorServiceStubs operator = temporal.stubs();
      try {
        assertThatThrownBy(() -> registration(operator, temporal.target()).ensure())
            .isInstanceOf(SearchAttributesRefusedException.class)
            .hasMessageContaining("can neither list nor register")
            .hasMessageContaining(
                "tcld namespace search-attributes add --namespace default"
                    + new TreeMap<>(WANTED)
                        .entrySet().stream()
                            .map(
                                a ->
                                    " --search-attribute \""
                                        + a.getKey()
                                        + "="
                                        + SearchAttributesRefusedException.typeName(a.getValue())
                                        + "\"")
                            .reduce("", String::concat))
            .hasMessageContaining("IMAGE_FACTORY_TEMPORAL_CHECK_SEARCH_ATTRIBUTES=false");
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void aServerThatIsAwayIsNotARefusal() throws Exception {
    String target = "127.0.0.1:" + freePort();
    OperatorServiceStubs operator = operatorAt(target);
    try {
      assertThatThrownBy(() -> registration(operator, target).ensure())
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      operator.shutdownNow();
    }
  }
}
