package io.imagefactory.starter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.EntitySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The Temporal lines of {@code doctor}: the connection, the namespace, the search attributes. */
final class TemporalChecks {

  static final String CONNECTION = "Temporal";
  static final String NAMESPACE = "namespace";
  static final String SEARCH_ATTRIBUTES = "search attributes";

  private TemporalChecks() {}

  /** Each check in turn; a failed connection leaves the others unchecked. */
  static List<DoctorCheck> run(String target, String namespace) {
    List<DoctorCheck> checks = new ArrayList<>();
    TemporalSession session;
    try {
      session = TemporalSession.connect(target, namespace);
    } catch (CommandFailure e) {
      checks.add(
          DoctorCheck.fail(
              CONNECTION,
              "cannot reach " + target,
              "start the worker (java -jar worker/target/image-factory-worker.jar), or pass"
                  + " --temporal HOST:PORT (env IMAGE_FACTORY_TEMPORAL_TARGET)",
              ExitCodes.UNREACHABLE));
      checks.add(DoctorCheck.notChecked(NAMESPACE, "Temporal cannot be reached"));
      checks.add(DoctorCheck.notChecked(SEARCH_ATTRIBUTES, "Temporal cannot be reached"));
      return checks;
    }
    try (session) {
      checks.add(DoctorCheck.ok(CONNECTION, target + " is serving"));
      DoctorCheck described = namespace(session);
      if (described.verdict() != DoctorCheck.Verdict.OK) {
        checks.add(described);
        checks.add(DoctorCheck.notChecked(SEARCH_ATTRIBUTES, "the namespace is not there"));
        return checks;
      }
      DoctorCheck attributes = searchAttributes(target, namespace);
      // A server that cannot list attributes is the Java test server, which also describes any
      // namespace it is asked about: there a wrong name is not caught.
      checks.add(
          attributes.verdict() == DoctorCheck.Verdict.WARN
              ? DoctorCheck.warn(
                  NAMESPACE,
                  namespace + " answers, but this server answers for any namespace",
                  "make sure it is the worker's (spring.temporal.namespace); the embedded"
                      + " default's is default")
              : described);
      checks.add(attributes);
    }
    return checks;
  }

  private static DoctorCheck namespace(TemporalSession session) {
    try {
      session
          .stubs
          .blockingStub()
          .describeNamespace(
              DescribeNamespaceRequest.newBuilder().setNamespace(session.namespace).build());
      return DoctorCheck.ok(NAMESPACE, session.namespace + " exists");
    } catch (StatusRuntimeException e) {
      boolean missing = e.getStatus().getCode() == Status.Code.NOT_FOUND;
      return DoctorCheck.fail(
          NAMESPACE,
          session.namespace
              + (missing ? " does not exist" : " cannot be described: " + e.getStatus().getCode()),
          missing
              ? "pass the worker's namespace with --namespace, or create it: temporal operator"
                  + " namespace create --namespace "
                  + session.namespace
              : "check that this client may describe namespaces on the server",
          missing ? ExitCodes.INVALID_INPUT : ExitCodes.IO_ERROR);
    }
  }

  /** Compares the namespace's custom attributes with those the workflows set. */
  static DoctorCheck searchAttributes(String target, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> found =
          operator
              .blockingStub()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      return compare(namespace, found);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return DoctorCheck.warn(
            SEARCH_ATTRIBUTES,
            "cannot be checked on this server (it cannot list them; the worker adds them at start)",
            "");
      }
      return DoctorCheck.fail(
          SEARCH_ATTRIBUTES,
          "cannot be listed: " + e.getStatus().getCode(),
          "check that this client may list search attributes (operator service)",
          ExitCodes.IO_ERROR);
    } finally {
      operator.shutdownNow();
    }
  }

  static DoctorCheck compare(String namespace, Map<String, IndexedValueType> found) {
    Map<String, IndexedValueType> missing = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    new TreeMap<>(EntitySearchAttributes.DEFINITIONS)
        .forEach(
            (name, type) -> {
              IndexedValueType actual = found.get(name);
              if (actual == null) {
                missing.put(name, type);
              } else if (actual != type) {
                wrong.add(name + " is " + typeName(actual) + ", not " + typeName(type));
              }
            });
    if (missing.isEmpty() && wrong.isEmpty()) {
      return DoctorCheck.ok(
          SEARCH_ATTRIBUTES,
          "all " + EntitySearchAttributes.DEFINITIONS.size() + " registered with their types");
    }
    List<String> problems = new ArrayList<>(wrong);
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing.keySet()));
    }
    StringBuilder fix = new StringBuilder();
    missing.forEach(
        (name, type) ->
            fix.append(fix.length() == 0 ? "" : "; ")
                .append("temporal operator search-attribute create --namespace ")
                .append(namespace)
                .append(" --name ")
                .append(name)
                .append(" --type ")
                .append(typeName(type)));
    if (!wrong.isEmpty()) {
      fix.append(fix.length() == 0 ? "" : "; ")
          .append("an attribute of another type must be removed and created again");
    }
    return DoctorCheck.fail(
        SEARCH_ATTRIBUTES, String.join("; ", problems), fix.toString(), ExitCodes.INVALID_INPUT);
  }

  /** The type as the {@code temporal} CLI spells it: Keyword, KeywordList, Bool, Datetime. */
  private static String typeName(IndexedValueType type) {
    StringBuilder name = new StringBuilder();
    for (String part : type.name().replace("INDEXED_VALUE_TYPE_", "").split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }
}
