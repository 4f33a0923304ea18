package dev.cachet.engine.semantic;

import java.util.List;

/** What a semantic lookup came to; every case carries what the key inspector shows. */
public sealed interface SemanticLookup {

    /** The query's vector (reused when the model answer is stored). */
    float[] queryVector();

    /** Nearest cached queries of the namespace, best first, each with its decision. */
    List<Candidate> candidates();

    /** Why it hit or missed, in words. */
    String reason();

    /**
     * A neighbour and what the policy made of it.
     *
     * @param decision "hit", "below-threshold", "vetoed", "expired"
     */
    record Candidate(SemanticEntry entry, float score, double threshold, String decision, String detail) { }

    record Hit(SemanticEntry entry, float score, double threshold, float[] queryVector, List<Candidate> candidates,
               String reason) implements SemanticLookup { }

    record Miss(float[] queryVector, List<Candidate> candidates, String reason) implements SemanticLookup { }

    /** The best neighbour passed the threshold but a guard refused it (and no other passed). */
    record Vetoed(SemanticEntry entry, float score, GuardVeto veto, float[] queryVector, List<Candidate> candidates,
                  String reason) implements SemanticLookup { }
}
