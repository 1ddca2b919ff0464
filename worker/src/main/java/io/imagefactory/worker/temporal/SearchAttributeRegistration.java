package io.imagefactory.worker.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc.OperatorServiceBlockingStub;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a namespace has the search attributes the workflows set, before any of them runs: a
 * real server fails the workflow task of an upsert that names an unregistered attribute, so every
 * image workflow would stall. Missing attributes are registered where the worker may (a self-hosted
 * server); where it may not (Temporal Cloud, no permission), or where one has another type, it
 * refuses with the commands that fix the namespace.
 *
 * <p>A server without {@code ListSearchAttributes} (the Java test server of the embedded default)
 * is asked to add each attribute: one it already has answers {@code ALREADY_EXISTS}, and its type
 * cannot be checked there.
 */
public final class SearchAttributeRegistration {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  /** Each call waits this long; a server that does not answer is retried by the caller. */
  static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  private static final Set<Status.Code> TRANSIENT =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED,
          Status.Code.CANCELLED,
          Status.Code.INTERNAL,
          Status.Code.UNKNOWN);

  private final OperatorServiceStubs operator;
  private final String target;
  private final String namespace;
  private final SortedMap<String, IndexedValueType> wanted;

  public SearchAttributeRegistration(
      OperatorServiceStubs operator,
      String target,
      String namespace,
      Map<String, IndexedValueType> wanted) {
    this.operator = operator;
    this.target = target;
    this.namespace = namespace;
    this.wanted = new TreeMap<>(wanted);
  }

  /**
   * What the check found and did.
   *
   * @param registered attributes registered now
   * @param present attributes that were there already
   * @param typesChecked false on a server that cannot list attributes with their types
   */
  public record Outcome(
      SortedSet<String> registered, SortedSet<String> present, boolean typesChecked) {}

  /**
   * Checks, and registers what is missing where it may.
   *
   * @throws SearchAttributesRefusedException when the namespace lacks an attribute the worker may
   *     not register, or has one of another type
   * @throws StatusRuntimeException when Temporal does not answer; trying again later may succeed
   */
  public Outcome ensure() {
    Map<String, IndexedValueType> existing;
    try {
      existing =
          stub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      rethrowIfTransient(e);
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return addEach();
      }
      throw refusal(wanted, "the worker may not list its search attributes (" + describe(e) + ")");
    }
    SortedMap<String, IndexedValueType> wrongType = new TreeMap<>();
    SortedMap<String, IndexedValueType> missing = new TreeMap<>();
    wanted.forEach(
        (name, type) -> {
          IndexedValueType found = existing.get(name);
          if (found == null) {
            missing.put(name, type);
          } else if (found != type) {
            wrongType.put(name, found);
          }
        });
    if (!wrongType.isEmpty()) {
      throw SearchAttributesRefusedException.wrongTypes(target, namespace, wanted, wrongType);
    }
    SortedSet<String> present = new TreeSet<>(wanted.keySet());
    present.removeAll(missing.keySet());
    if (!missing.isEmpty()) {
      try {
        add(missing);
      } catch (StatusRuntimeException e) {
        rethrowIfTransient(e);
        throw refusal(missing, "the worker may not register them (" + describe(e) + ")");
      }
      log.info(
          "Registered the search attributes {} in Temporal namespace {} at {}",
          missing.keySet(),
          namespace,
          target);
    }
    return new Outcome(new TreeSet<>(missing.keySet()), present, true);
  }

  private Outcome addEach() {
    SortedSet<String> registered = new TreeSet<>();
    SortedSet<String> present = new TreeSet<>();
    SortedMap<String, IndexedValueType> refused = new TreeMap<>();
    String reason = null;
    for (Map.Entry<String, IndexedValueType> attribute : wanted.entrySet()) {
      try {
        add(Map.of(attribute.getKey(), attribute.getValue()));
        registered.add(attribute.getKey());
      } catch (StatusRuntimeException e) {
        rethrowIfTransient(e);
        if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
          present.add(attribute.getKey());
        } else {
          refused.put(attribute.getKey(), attribute.getValue());
          reason = describe(e);
        }
      }
    }
    if (!refused.isEmpty()) {
      throw refusal(
          refused, "the worker can neither list nor register search attributes (" + reason + ")");
    }
    if (!registered.isEmpty()) {
      log.info(
          "Registered the search attributes {} in Temporal namespace {} at {}",
          registered,
          namespace,
          target);
    }
    if (!present.isEmpty()) {
      log.info(
          "Temporal at {} cannot list search attributes, so the types of {} (there already) are"
              + " not checked",
          target,
          present);
    }
    return new Outcome(registered, present, false);
  }

  private void add(Map<String, IndexedValueType> attributes) {
    stub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace(namespace)
                .putAllSearchAttributes(attributes)
                .build());
  }

  private OperatorServiceBlockingStub stub() {
    return operator
        .blockingStub()
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private SearchAttributesRefusedException refusal(
      Map<String, IndexedValueType> needed, String reason) {
    return SearchAttributesRefusedException.missing(target, namespace, needed, reason);
  }

  private static void rethrowIfTransient(StatusRuntimeException e) {
    if (TRANSIENT.contains(e.getStatus().getCode())) {
      throw e;
    }
  }

  static String describe(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    return e.getStatus().getCode() + (description == null ? "" : ": " + description);
  }
}
