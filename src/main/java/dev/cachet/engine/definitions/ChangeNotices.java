package dev.cachet.engine.definitions;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a person should be told when the live set changed: added, updated, removed, broken, recovered. */
final class ChangeNotices {

    private ChangeNotices() { }

    static <T> List<String> between(DefinitionKind<T> kind, DefinitionSet<T> before, DefinitionSet<T> after) {
        var out = new ArrayList<String>();
        String noun = kind.noun();
        if (after.builtIn() && !before.builtIn()) {
            out.add("no " + noun + " files in " + after.folders() + ": serving the " + after.byId().size() + " built into Cachet");
        } else if (!after.builtIn() && before.builtIn()) {
            out.add(noun + " files found in " + after.folders() + ": the built-in " + noun + "s no longer serve");
        }
        if (before.generation() == 0 || after.builtIn() != before.builtIn()) {
            for (var f : after.files()) firstError(f).ifPresent(p -> out.add(p.format()));
            return out;
        }
        Map<String, DefinitionSet.FileReport> reportsBefore = new HashMap<>();
        for (var f : before.files()) reportsBefore.put(f.source().name(), f);
        before.byId().forEach((id, was) -> {
            if (after.byId().containsKey(id)) return;
            String file = was.source().name();
            boolean deleted = was.source().file() != null && !Files.exists(was.source().file());
            out.add(noun + " '" + id + "' removed: " + file + (deleted ? " was deleted" : " no longer defines it"));
        });
        after.byId().forEach((id, now) -> {
            var was = before.byId().get(id);
            String file = now.source().name();
            if (was == null) {
                out.add(noun + " '" + id + "' added: " + kind.describe(now.value()) + " from " + file);
            } else if (now.stale() && !was.stale()) {
                out.add(file + " has errors; " + noun + " '" + id + "' keeps serving its last good version "
                        + kind.describe(now.value()));
            } else if (!now.stale() && was.stale()) {
                out.add(file + " is valid again: " + noun + " " + kind.describe(now.value()) + " serves");
            } else if (!now.value().equals(was.value())) {
                out.add(noun + " updated: " + kind.describe(now.value()) + " from " + file);
            }
        });
        for (var f : after.files()) {
            var was = reportsBefore.get(f.source().name());
            if (was != null && was.problems().equals(f.problems())) continue;
            firstError(f).ifPresent(p -> out.add(p.format()));
        }
        return out;
    }

    private static java.util.Optional<Problem> firstError(DefinitionSet.FileReport f) {
        return f.problems().stream().filter(Problem::isError).findFirst();
    }
}
