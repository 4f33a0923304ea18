package dev.cachet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.TemplateInvocation;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --variant V --var k=v … --vars-file F.json}: the variables of a template to render. */
final class TemplateOptions {

    @Option(names = "--variant", paramLabel = "V", description = "variant to render (default: the first)") String variant;
    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "a variable; repeat for more. Numbers, true/false and JSON "
            + "lists/objects are converted to the variable's declared type") List<String> vars = new ArrayList<>();
    @Option(names = "--vars-file", paramLabel = "F.json", description = "variables as one JSON object; --var wins over it") Path varsFile;

    /** The invocation, or a {@link UsageError} naming what is malformed. */
    TemplateInvocation invocation(String id) {
        Map<String, Object> values = new LinkedHashMap<>(fromFile());
        for (String v : vars) {
            int eq = v.indexOf('=');
            if (eq <= 0) throw new UsageError("--var must be NAME=VALUE, was '" + v + "'");
            values.put(v.substring(0, eq).strip(), v.substring(eq + 1));
        }
        return new TemplateInvocation(id, variant, values);
    }

    private Map<String, Object> fromFile() {
        if (varsFile == null) return Map.of();
        try {
            return new ObjectMapper().readValue(Files.readString(varsFile), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (NoSuchFileException e) {
            throw new UsageError(varsFile + ": no such file");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new UsageError(varsFile + ":" + (at == null ? 1 : at.getLineNr()) + ":" + (at == null ? 1 : at.getColumnNr())
                    + ": expected one JSON object of variables: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageError(varsFile + ": cannot read: " + e.getMessage());
        }
    }

    /** Bad usage or input: the command prints it as one line and exits 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) { super(message, null, false, false); }
    }
}
