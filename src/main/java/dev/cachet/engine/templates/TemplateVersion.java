package dev.cachet.engine.templates;

import java.time.Instant;

/**
 * One version of a template as it was seen.
 *
 * @param content the file's text when this version was first seen
 * @param source  the file it came from
 */
public record TemplateVersion(String templateId, String version, String content, String source, Instant firstSeen,
                              Instant lastSeen) { }
