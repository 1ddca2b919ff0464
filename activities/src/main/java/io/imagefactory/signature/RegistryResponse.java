package io.imagefactory.signature;

/** One answer of a registry: its status, content type and (bounded) body. */
record RegistryResponse(int status, String contentType, byte[] body) {

  boolean ok() {
    return status == 200;
  }
}
