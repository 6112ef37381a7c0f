package dev.amends.spring.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.amends.spring.api.ApiException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec server of the Temporal UI and CLI ({@code --codec-endpoint <base>/codec}): payloads in
 * Temporal's JSON form, {@code {"payloads": [{"metadata": {...}, "data": "<base64>"}]}}, encoded or
 * decoded with this service's key ring. Who may call it is set in the security configuration.
 */
@RestController
class CodecController {
  private final AesGcmPayloadCodec codec;

  CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping(
      path = "/codec/encode",
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  String encode(@RequestBody(required = false) String body) {
    return convert(body, codec::encode);
  }

  @PostMapping(
      path = "/codec/decode",
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  String decode(@RequestBody(required = false) String body) {
    return convert(body, codec::decode);
  }

  private static String convert(String body, UnaryOperator<List<Payload>> conversion) {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body == null ? "{}" : body, in);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "Unreadable payloads",
          "the body is not {\"payloads\": [...]} in Temporal's JSON form");
    }
    List<Payload> out;
    try {
      out = conversion.apply(in.getPayloadsList());
    } catch (PayloadCodecException e) {
      // The message names a key id at most; never a payload's content.
      throw new ApiException(HttpStatus.BAD_REQUEST, "Payload not decodable", e.getMessage());
    }
    try {
      return JsonFormat.printer()
          .omittingInsignificantWhitespace()
          .print(Payloads.newBuilder().addAllPayloads(out).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("payloads that cannot be printed as JSON", e);
    }
  }
}
