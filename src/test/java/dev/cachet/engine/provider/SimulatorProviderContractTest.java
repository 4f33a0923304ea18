package dev.cachet.engine.provider;

import java.time.Duration;
import java.util.List;

class SimulatorProviderContractTest extends ChatProviderContract {

    private static final List<String> MODELS = List.of("sim-small", "sim-large");

    @Override protected ChatProvider provider() {
        return new SimulatorProvider(new SimulatorSettings(Duration.ZERO, 0, 0, 0, 20, MODELS));
    }

    @Override protected String model() { return "sim-small"; }
    @Override protected String unknownModel() { return "sim-huge"; }

    @Override protected ChatProvider endlessProvider() {
        return new SimulatorProvider(new SimulatorSettings(Duration.ZERO, 20, 0, 0, 2000, MODELS));
    }
}
