package dev.cachet.engine.workload;

import dev.cachet.engine.chat.ChatRequest;

/** One request of a workload file and the line it came from. */
public record WorkloadItem(int line, ChatRequest request) { }
