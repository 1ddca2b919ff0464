package io.imagefactory.worker.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.namespace.v1.NamespaceInfo;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny Temporal operator service on a loopback port, for what the Java test server cannot show:
 * it has no {@code ListSearchAttributes}, so neither types nor a refused registration. This one
 * lists what it holds, with types, and answers each call with the status it is given. Beside it,
 * the workflow service answers only what a starting worker asks first: system info and the
 * namespace.
 */
final class FakeOperatorService extends OperatorServiceGrpc.OperatorServiceImplBase
    implements AutoCloseable {

  final Map<String, IndexedValueType> attributes = new ConcurrentHashMap<>();
  final List<AddSearchAttributesRequest> adds = new CopyOnWriteArrayList<>();
  volatile Status listAnswer = Status.OK;
  volatile Status addAnswer = Status.OK;

  private final Server server;

  FakeOperatorService() {
    try {
      server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                  InsecureServerCredentials.create())
              .addService(this)
              .addService(new NamespaceOnly())
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  OperatorServiceStubs stubs() {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder()
            .setTarget(target())
            .validateAndBuildWithDefaults());
  }

  @Override
  public void listSearchAttributes(
      ListSearchAttributesRequest request, StreamObserver<ListSearchAttributesResponse> response) {
    if (!listAnswer.isOk()) {
      response.onError(listAnswer.asRuntimeException());
      return;
    }
    response.onNext(
        ListSearchAttributesResponse.newBuilder().putAllCustomAttributes(attributes).build());
    response.onCompleted();
  }

  @Override
  public void addSearchAttributes(
      AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> response) {
    adds.add(request);
    if (!addAnswer.isOk()) {
      response.onError(addAnswer.asRuntimeException());
      return;
    }
    attributes.putAll(request.getSearchAttributesMap());
    response.onNext(AddSearchAttributesResponse.getDefaultInstance());
    response.onCompleted();
  }

  /** Just enough of the workflow service for a worker to see the namespace. */
  private static final class NamespaceOnly extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    @Override
    public void getSystemInfo(
        GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
      response.onNext(GetSystemInfoResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void describeNamespace(
        DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> response) {
      response.onNext(
          DescribeNamespaceResponse.newBuilder()
              .setNamespaceInfo(NamespaceInfo.newBuilder().setName(request.getNamespace()))
              .build());
      response.onCompleted();
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
