package dev.amends.spring.sagas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * A digest of a value's canonical JSON: the JSON Temporal's default converter writes (jackson
 * databind 2), with every object's keys sorted, no whitespace, as UTF-8, through SHA-256.
 */
final class InputDigest {
  static final String PREFIX = "sha256:";
  private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private InputDigest() {}

  static String of(Object value) {
    try {
      JsonNode tree = value == null ? NullNode.getInstance() : JSON.valueToTree(value);
      byte[] canonical = JSON.writeValueAsBytes(sorted(tree));
      return PREFIX
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalArgumentException(
          "a saga input must be JSON-serialisable: " + e.getClass().getSimpleName(), e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode out = JSON.createObjectNode();
      TreeSet<String> names = new TreeSet<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        out.set(name, sorted(object.get(name)));
      }
      return out;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = JSON.createArrayNode();
      for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
        out.add(sorted(it.next()));
      }
      return out;
    }
    return node;
  }
}
