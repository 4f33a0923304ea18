package dev.cachet.engine.semantic;

import java.util.List;

/**
 * What a semantic lookup came to; every case carries what the key inspector shows. With learning on,
 * the nearest candidate that passes the guards gets one of three decisions: {@link Hit} (serve: its
 * score is where this namespace's learned threshold keeps false hits within the error bound),
 * {@link Explore} (uncertain: the model answers, and comparing its answer with the cached one teaches
 * the namespace) or {@link Miss} (confidently different, or nothing near).
 */
public sealed interface SemanticLookup {

    /** The query's vector (reused when the model answer is stored). */
    float[] queryVector();

    /** Nearest cached queries of the namespace, best first, each with its decision. */
    List<Candidate> candidates();

    /** Why it hit or missed, in words. */
    String reason();

    /** How the learned calibration saw the deciding candidate; {@link Assessment#NONE} under the fixed policy. */
    Assessment assessment();

    /**
     * A neighbour and what the policy made of it.
     *
     * @param decision "hit", "explore", "miss", "below-threshold", "vetoed", "expired", "judged-different"
     */
    record Candidate(SemanticEntry entry, float score, double threshold, String decision, String detail) { }

    record Hit(SemanticEntry entry, float score, double threshold, float[] queryVector, List<Candidate> candidates,
               String reason, Assessment assessment) implements SemanticLookup { }

    /** Not served: the model answers, and its answer compared with this entry's labels the namespace. */
    record Explore(SemanticEntry entry, float score, double threshold, float[] queryVector, List<Candidate> candidates,
                   String reason, Assessment assessment) implements SemanticLookup { }

    record Miss(float[] queryVector, List<Candidate> candidates, String reason, Assessment assessment) implements SemanticLookup {
        public Miss(float[] queryVector, List<Candidate> candidates, String reason) {
            this(queryVector, candidates, reason, Assessment.NONE);
        }
    }

    /** The best neighbour passed the threshold but a guard refused it (and no other passed). */
    record Vetoed(SemanticEntry entry, float score, GuardVeto veto, float[] queryVector, List<Candidate> candidates,
                  String reason, Assessment assessment) implements SemanticLookup {
        public Vetoed(SemanticEntry entry, float score, GuardVeto veto, float[] queryVector, List<Candidate> candidates, String reason) {
            this(entry, score, veto, queryVector, candidates, reason, Assessment.NONE);
        }
    }
}
