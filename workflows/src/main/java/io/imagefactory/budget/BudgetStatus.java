package io.imagefactory.budget;

import java.util.List;
import java.util.Map;

/**
 * The rebuild budget as its query returns it.
 *
 * @param queuedPerHost tickets waiting, per CI host: the gauge of the queue length
 * @param runningPerHost slots held, per CI host
 * @param runningPerRepository slots held, per {@code host/repository}
 * @param queued the waiting tickets in the order they would be granted if every limit had room
 */
public record BudgetStatus(
    Map<String, Integer> queuedPerHost,
    Map<String, Integer> runningPerHost,
    Map<String, Integer> runningPerRepository,
    List<String> queued,
    String details) {}
