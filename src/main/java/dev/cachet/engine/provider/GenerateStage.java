package dev.cachet.engine.provider;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.util.Map;

/** The terminal stage: calls the resolved provider and streams its tokens to the caller. */
public final class GenerateStage implements Stage {

    private final PriceTable prices;

    public GenerateStage(PriceTable prices) { this.prices = prices; }

    @Override public String name() { return "generate"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        ResolvedModel target = ctx.model();
        var request = ctx.request();
        var providerRequest = new ProviderRequest(target.ref().model(), request.messages(), request.params());
        try {
            ProviderResponse response = target.provider().chat(providerRequest, ctx.tokens(), ctx.cancellation());
            double cost = prices.cost(target.ref(), response.usage());
            var note = new StageResult.Note("called", target.provider().displayName() + " " + target.ref().model()
                    + " finished: " + response.finish().name().toLowerCase(),
                    response.usage().inputTokens(), response.usage().outputTokens(), cost, Map.of("provider", target.ref().provider()));
            return new StageResult.Answer(note, response.text(), AnswerSource.MODEL, target.ref(), response.usage(),
                    response.finish(), true);
        } catch (ProviderException e) {
            ChatError error = e.error();
            return new StageResult.Fail(StageResult.Note.of("failed", error.oneLine()), error, e.partialText());
        }
    }
}
