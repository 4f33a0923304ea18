package dev.cachet.engine.semantic;

/**
 * Why a guard refused a semantic hit.
 *
 * @param guard  which guard ("numbers", "negation", "entities", "identifiers", "quoted")
 * @param reason what differs, in words ("numbers differ: [2016] vs [2017]")
 */
public record GuardVeto(String guard, String reason) { }
