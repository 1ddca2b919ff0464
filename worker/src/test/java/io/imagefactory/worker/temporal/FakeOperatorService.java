package io.imagefactory.worker.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
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
 * lists what it holds, with types, and answers each call with the status it is given.
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
        OperatorServiceStubsOptions.newBuilder().setTarget(target()).validateAndBuildWithDefaults());
  }

  @Override
  public void listSearchAttributes(
      ListSearchAttributesRequest request,
      StreamObserver<ListSearchAttributesResponse> response) {
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

  @Override
  public void close() {
    server.shutdownNow();
  }
}
