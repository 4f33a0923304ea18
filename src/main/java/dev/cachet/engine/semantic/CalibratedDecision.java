package dev.cachet.engine.semantic;

import dev.cachet.engine.semantic.calibration.Calibration;
import dev.cachet.engine.semantic.calibration.Calibrations;
import dev.cachet.engine.semantic.calibration.NamespaceLearner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The learned decision for one lookup. Guards first (a veto is final); the first neighbour that
 * passes them is the candidate. While the namespace warms up, today's fixed policy serves or the
 * candidate is explored; once learned, the calibration serves it (score at or above the learned
 * threshold), misses it (the model gives it under 1%), or explores it. An entry once labelled wrong
 * at a score is explored, never served, at that score or below.
 */
final class CalibratedDecision {

    /** Scores this close count as "the same query again" for an entry labelled wrong. */
    static final double SAME_SCORE = 1e-4;
    /**
     * While warming up, candidates below this cosine are plain misses (MiniLM scores unrelated questions
     * around 0.1-0.4): not worth comparing answers for. Once learned, the calibration's own miss bound applies.
     */
    static final double WARM_UP_FLOOR = 0.5;

    private CalibratedDecision() { }

    /** @param calibrations where the lookup is counted; null to only look (the key inspector) */
    static SemanticLookup decide(SemanticCache cache, SemanticKey key, float[] vector, List<SemanticCache.Near> near,
                                 MatchPolicy prior, NamespaceLearner learner, Calibrations calibrations, Instant now) {
        if (near.isEmpty()) return new SemanticLookup.Miss(vector, List.of(), "nothing cached in this namespace yet");
        QueryFacts queryFacts = QueryFacts.of(key.userText());
        var candidates = new ArrayList<SemanticLookup.Candidate>();
        SemanticLookup.Candidate firstVeto = null;
        GuardVeto veto = null;
        Calibration current = learner.calibration();
        double floor = current.phase() == Calibration.Phase.LEARNED ? current.missBelow() : WARM_UP_FLOOR;
        for (SemanticCache.Near n : near) {
            SemanticEntry e = n.entry();
            if (e.expiredAt(now)) {
                cache.remove(e);
                candidates.add(new SemanticLookup.Candidate(e, n.score(), Double.NaN, "expired", "expired at " + e.expiresAt()));
                continue;
            }
            if (n.score() < floor) {  // neighbours come best first: the rest are lower still
                candidates.add(new SemanticLookup.Candidate(e, n.score(), Double.NaN, "miss", "below " + String.format(Locale.ROOT, "%.3f", floor)));
                if (firstVeto == null) {
                    // still a lookup the namespace saw: it counts among those with no right answer cached
                    if (calibrations != null) calibrations.countLookup(learner, n.score());
                    return new SemanticLookup.Miss(vector, candidates, String.format(Locale.ROOT,
                            "best score %.3f below %.3f: confidently a different question", n.score(), floor), Assessment.of(current, n.score()));
                }
                break;
            }
            var v = prior.guards().check(queryFacts, n.facts());
            if (v.isPresent()) {
                var c = new SemanticLookup.Candidate(e, n.score(), Double.NaN, "vetoed", v.get().guard() + ": " + v.get().reason());
                candidates.add(c);
                if (firstVeto == null) {
                    firstVeto = c;
                    veto = v.get();
                }
                continue;
            }
            if (calibrations != null) calibrations.countLookup(learner, n.score());
            return judge(key, vector, n, queryFacts, prior, learner, current, candidates);
        }
        if (firstVeto != null) {
            if (calibrations != null) calibrations.countVetoed(learner, firstVeto.score());
            return new SemanticLookup.Vetoed(firstVeto.entry(), firstVeto.score(), veto, vector, candidates,
                    String.format(Locale.ROOT, "the %s guard vetoed the nearest candidate (%.3f): %s", veto.guard(), firstVeto.score(), veto.reason()),
                    Assessment.of(learner.calibration(), firstVeto.score()));
        }
        return new SemanticLookup.Miss(vector, candidates, "nearest neighbours expired");
    }

    private static SemanticLookup judge(SemanticKey key, float[] vector, SemanticCache.Near n, QueryFacts queryFacts,
                                        MatchPolicy prior, NamespaceLearner learner, Calibration cal,
                                        List<SemanticLookup.Candidate> candidates) {
        SemanticEntry e = n.entry();
        float score = n.score();
        var assessment = Assessment.of(cal, score);
        OptionalDouble wrongAt = learner.differentAt(e.id());
        if (wrongAt.isPresent() && score <= wrongAt.getAsDouble() + SAME_SCORE) {
            String why = String.format(Locale.ROOT, "this cached answer was judged wrong for a query at %.3f before", wrongAt.getAsDouble());
            candidates.add(new SemanticLookup.Candidate(e, score, Double.NaN, "judged-different", why));
            return new SemanticLookup.Explore(e, score, cal.serveAt(), vector, candidates, why + ": the model answers", assessment);
        }
        if (cal.phase() == Calibration.Phase.WARMING_UP) {
            MatchPolicy.Verdict verdict = prior.judge(key.userText(), queryFacts, e.query(), n.facts(), score);
            String phase = cal.describe();
            return switch (verdict) {
                case MatchPolicy.Verdict.Accept a -> {
                    candidates.add(new SemanticLookup.Candidate(e, score, a.threshold(), "hit", a.reason()));
                    yield new SemanticLookup.Hit(e, score, a.threshold(), vector, candidates, String.format(Locale.ROOT,
                            "score %.3f >= fixed threshold %.3f and every guard agrees (%s; %s)", score, a.threshold(), a.reason(), phase), assessment);
                }
                case MatchPolicy.Verdict.Below b -> {
                    candidates.add(new SemanticLookup.Candidate(e, score, b.threshold(), "explore", b.reason()));
                    yield new SemanticLookup.Explore(e, score, b.threshold(), vector, candidates, String.format(Locale.ROOT,
                            "score %.3f below fixed threshold %.3f: the model answers and its answer is compared (%s)", score, b.threshold(), phase),
                            assessment);
                }
                case MatchPolicy.Verdict.Veto v -> {  // the same guards already passed; kept for exhaustiveness
                    candidates.add(new SemanticLookup.Candidate(e, score, v.threshold(), "vetoed", v.veto().reason()));
                    yield new SemanticLookup.Vetoed(e, score, v.veto(), vector, candidates, v.veto().reason(), assessment);
                }
            };
        }
        String estimate = assessment.agreeText();
        if (cal.serves(score)) {
            candidates.add(new SemanticLookup.Candidate(e, score, cal.serveAt(), "hit", estimate));
            return new SemanticLookup.Hit(e, score, cal.serveAt(), vector, candidates, String.format(Locale.ROOT,
                    "score %.3f >= learned threshold %.3f, every guard agrees; %s", score, cal.serveAt(), estimate), assessment);
        }
        candidates.add(new SemanticLookup.Candidate(e, score, cal.serveAt(), "explore", estimate));
        String bar = cal.serveAt() > 1 ? "nothing is served yet" : String.format(Locale.ROOT, "serving starts at %.3f", cal.serveAt());
        return new SemanticLookup.Explore(e, score, cal.serveAt(), vector, candidates, String.format(Locale.ROOT,
                "score %.3f uncertain (%s; %s): the model answers and its answer is compared", score, estimate, bar), assessment);
    }
}
