package dev.arbiter.localengine.feel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the JSON documents that clients send and the values FEEL and DMN work with. */
public final class Values {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  /** Parses a variables document; blank means empty, anything but a JSON object is refused. */
  public static ObjectNode parseDocument(String json) {
    if (json == null || json.isBlank()) {
      return NODES.objectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Expected to map the variables document to JSON, but it is invalid: " + e.getOriginalMessage());
    }
    if (node == null || node.isNull()) {
      return NODES.objectNode();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "Expected document to be a root level object, but was '" + node.getNodeType() + "'");
    }
    return (ObjectNode) node;
  }

  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(toJava(item)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
    return map;
  }

  /** Converts a FEEL or DMN result (Java or Scala values) to JSON the way Zeebe stores variables. */
  public static JsonNode toJson(Object value) {
    if (value == null || value == scala.None$.MODULE$) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof scala.Some<?> some) {
      return toJson(some.value());
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof scala.math.BigDecimal d) {
      return number(d.bigDecimal());
    }
    if (value instanceof BigDecimal d) {
      return number(d);
    }
    if (value instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Double || value instanceof Float) {
      return number(BigDecimal.valueOf(((Number) value).doubleValue()));
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.longValue());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      scala.collection.Iterator<? extends scala.Tuple2<?, ?>> entries = map.iterator();
      while (entries.hasNext()) {
        scala.Tuple2<?, ?> entry = entries.next();
        object.set(String.valueOf(entry._1()), toJson(entry._2()));
      }
      return object;
    }
    if (value instanceof Iterable<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (value instanceof scala.collection.Iterable<?> items) {
      ArrayNode array = NODES.arrayNode();
      scala.collection.Iterator<?> it = items.iterator();
      while (it.hasNext()) {
        array.add(toJson(it.next()));
      }
      return array;
    }
    if (value instanceof TemporalAccessor || value instanceof TemporalAmount) {
      return NODES.textNode(value.toString());
    }
    return NODES.textNode(String.valueOf(value));
  }

  private static JsonNode number(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
      return NODES.numberNode(stripped.longValueExact());
    }
    return NODES.numberNode(d);
  }

  /** Copies the named fields of a document, or all of them when no names are given. */
  public static ObjectNode select(ObjectNode document, List<String> names) {
    if (names == null || names.isEmpty()) {
      return document;
    }
    ObjectNode selected = NODES.objectNode();
    for (String name : names) {
      JsonNode value = document.get(name);
      if (value != null) {
        selected.set(name, value);
      }
    }
    return selected;
  }
}
