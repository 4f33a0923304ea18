package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.BuiltInFolder;
import dev.cachet.engine.definitions.DefinitionFolders;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.definitions.SourceText;
import dev.cachet.engine.experiments.run.ExperimentRunner;
import dev.cachet.engine.experiments.run.ExperimentStore;
import dev.cachet.engine.experiments.run.PipelineJudge;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.engine.templates.TemplateReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The experiments part: experiment files under each templates folder's {@code experiments/} (watched,
 * last good kept, located errors), the run store, and the runner over the experiments' pipeline.
 */
public final class Experiments implements AutoCloseable {

    private final ExperimentReader reader = new ExperimentReader();
    private final DefinitionFolders<ExperimentDefinition> folders;
    private final ExperimentStore store;
    private final ExperimentRunner runner;

    /**
     * @param pipeline  render, resolve, exact and semantic caches, generate (with the providers' limiters): no
     *                  routing or retrieval, which would answer for the prompt under test
     * @param embedder  the in-process embedder for {@code similar}, asked for on first use
     */
    public Experiments(Database db, InstantSource clock, Pipeline pipeline, TemplateLibrary templates, Supplier<Embedder> embedder,
                       FolderWatcher.Settings watch) {
        PromptfooFilters.register(templates.renderer());
        this.store = new ExperimentStore(db, clock);
        this.runner = new ExperimentRunner(pipeline, store, templates, embedder, model -> new PipelineJudge(pipeline, model));
        List<Path> dirs = templates.folders().stream().map(f -> f.resolve(TemplateReader.EXPERIMENTS_FOLDER)).toList();
        this.folders = new DefinitionFolders<>(reader, dirs, new BuiltInFolder(TemplateLibrary.DEFAULT_FOLDER + "/" + TemplateReader.EXPERIMENTS_FOLDER), watch);
    }

    public ExperimentStore store() { return store; }
    public ExperimentRunner runner() { return runner; }

    /** The experiment files in the watched folders (started on first use). */
    public DefinitionFolders<ExperimentDefinition> definitions() { return folders; }

    /** Reads one file: Cachet's experiment YAML or a promptfoo config. */
    public DefinitionKind.Parsed<ExperimentDefinition> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        return reader.read(new SourceText(file.toString(), file, "", text));
    }

    /** Reads a text as if it were a file there (the pane's editor). */
    public DefinitionKind.Parsed<ExperimentDefinition> read(String name, Path file, String text) {
        return reader.read(new SourceText(name, file, "", text));
    }

    @Override public void close() { folders.close(); }
}
