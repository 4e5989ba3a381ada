package dev.arbiter.localengine.bpmn;

/** The BPMN elements the local engine executes; everything else is refused at deploy time. */
public enum ElementKind {
  NONE_START,
  MESSAGE_START,
  TIMER_START,
  NONE_END,
  ERROR_END,
  TERMINATE_END,
  JOB_TASK,
  DECISION_TASK,
  RECEIVE_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  EVENT_GATEWAY,
  MESSAGE_CATCH,
  TIMER_CATCH,
  MESSAGE_BOUNDARY,
  TIMER_BOUNDARY,
  ERROR_BOUNDARY,
  SUB_PROCESS,
  CALL_ACTIVITY;

  public boolean isBoundary() {
    return this == MESSAGE_BOUNDARY || this == TIMER_BOUNDARY || this == ERROR_BOUNDARY;
  }

  public boolean isStart() {
    return this == NONE_START || this == MESSAGE_START || this == TIMER_START;
  }
}
