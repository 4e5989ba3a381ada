package dev.arbiter.localengine.bpmn;

import java.util.List;
import java.util.Map;

/** An executable process as the engine runs it. */
public record ProcessModel(
    String processId,
    Map<String, Element> elements,
    String noneStartId,
    List<String> messageStartIds,
    List<String> timerStartIds) {

  public Element element(String id) {
    Element element = elements.get(id);
    if (element == null) {
      throw new IllegalStateException("No element '" + id + "' in process '" + processId + "'");
    }
    return element;
  }
}
