package io.imagefactory;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.ZlibPayloadCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The data converter every Image Factory client and worker uses: JSON as usual, with payloads above
 * {@link #THRESHOLD_BYTES} deflated. An enrollment of 5,000 images hands the writer about 3.3 MB of
 * analyses, above the 2 MB a Temporal server accepts in one payload; the JSON repeats itself so
 * much that it deflates about 25 times. Small payloads, nearly all of them, stay plain JSON an
 * operator can read in the Temporal UI, and a plain payload always decodes, so histories written
 * before compression replay unchanged.
 */
public final class PayloadCompression {

  /** Payloads up to this size are left as they are. */
  public static final int THRESHOLD_BYTES = 64 * 1024;

  private static final DataConverter CONVERTER =
      new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE, List.of(new LargeOnly()));

  private PayloadCompression() {}

  public static DataConverter dataConverter() {
    return CONVERTER;
  }

  /** Deflates the payloads above the threshold; decodes deflated and plain payloads alike. */
  private static final class LargeOnly implements PayloadCodec {

    private final ZlibPayloadCodec zlib = new ZlibPayloadCodec(Deflater.BEST_SPEED);

    @Override
    public List<Payload> encode(List<Payload> payloads) {
      List<Payload> encoded = new ArrayList<>(payloads.size());
      for (Payload payload : payloads) {
        encoded.add(
            payload.getSerializedSize() > THRESHOLD_BYTES
                ? zlib.encode(List.of(payload)).get(0)
                : payload);
      }
      return encoded;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
      return zlib.decode(payloads);
    }
  }
}
