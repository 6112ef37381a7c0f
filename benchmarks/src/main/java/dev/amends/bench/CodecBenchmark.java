package dev.amends.bench;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.amends.spring.codec.AesGcmPayloadCodec;
import dev.amends.spring.codec.KeyRing;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the payload codec costs per saga: every payload of a recorded order saga's history (inputs,
 * results, signals, memo, failures) encrypted and decrypted with AES-256-GCM, as the worker and the
 * client do, timed after a warm-up; and how many bytes it adds. Usage: CodecBenchmark [FOLDER]
 * (default app/src/test/resources/histories/v2-operator-trust).
 */
public final class CodecBenchmark {
  private static final int ROUNDS = 2_000;

  private CodecBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder =
        Path.of(args.length > 0 ? args[0] : "app/src/test/resources/histories/v2-operator-trust");
    AesGcmPayloadCodec codec =
        new AesGcmPayloadCodec(
            KeyRing.of(
                "bench",
                Map.of("bench", java.util.Base64.getEncoder().encodeToString(new byte[32]))));
    System.out.println(
        "| saga | payloads | plain bytes | encrypted bytes | encode + decode per saga |");
    System.out.println("|---|---|---|---|---|");
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        History.Builder history = History.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(Files.readString(file), history);
        List<Payload> payloads = new ArrayList<>();
        collect(history.build(), payloads);
        long plain = payloads.stream().mapToLong(Payload::getSerializedSize).sum();
        List<Payload> sealed = codec.encode(payloads);
        long encrypted = sealed.stream().mapToLong(Payload::getSerializedSize).sum();
        for (int i = 0; i < ROUNDS / 4; i++) {
          codec.decode(codec.encode(payloads));
        }
        long started = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
          codec.decode(codec.encode(payloads));
        }
        double micros = (System.nanoTime() - started) / 1e3 / ROUNDS;
        System.out.printf(
            "| %s | %d | %,d | %,d (+%.0f%%) | %.0f µs |%n",
            file.getFileName().toString().replace(".json", ""),
            payloads.size(),
            plain,
            encrypted,
            100.0 * (encrypted - plain) / Math.max(1, plain),
            micros);
      }
    }
  }

  /** Every Payload anywhere in the message, in field order. */
  private static void collect(Message message, List<Payload> out) {
    if (message instanceof Payload payload) {
      out.add(payload);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated() || field.getKey().isMapField()) {
        for (Object item : (List<?>) field.getValue()) {
          collectValue(item, out);
        }
      } else {
        collectValue(field.getValue(), out);
      }
    }
  }

  private static void collectValue(Object value, List<Payload> out) {
    if (value instanceof Message m) {
      collect(m, out);
    }
  }
}
